import BamasoQRCode
import BamasoTestSupport
import Testing

@Suite struct QRCodeTests {
    @Test(
        "reads back as the address it was made of",
        .enabled(if: QRCodeReader.isAvailable, "needs rsvg-convert (librsvg2-bin) and zbarimg (zbar-tools)"),
        arguments: [
            "https://example.org/rw/schools/booklet/",
            "https://example.org/bamaso/en/risks/fake-job-offers/?from=print",
            "http://localhost:8080/rw/ibikoresho/",
        ])
    func readsBack(address: String) throws {
        let code = try #require(QRCode(address))
        #expect(try QRCodeReader.decode(svg: code.svg(pixels: 128, label: "QR")) == address)
    }

    @Test("is a square of modules with a quiet zone, in one small path")
    func shape() throws {
        let code = try #require(QRCode("https://example.org/bamaso/rw/schools/booklet/"))
        #expect(code.modules.count == code.size * code.size)
        #expect((code.size - 17) % 4 == 0)  // versions are 21, 25, 29, ... modules wide
        let svg = code.svg(pixels: 128, label: "Scan \"me\" & go")
        let side = code.size + 2 * QRCode.quietZone
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("aria-label=\"Scan &quot;me&quot; &amp; go\""))
        #expect(svg.utf8.count < 2_500)
    }

    @Test("an address too long for any QR code gives none, not a crash")
    func tooLong() {
        #expect(QRCode(String(repeating: "a", count: 5_000)) == nil)
    }
}

import Foundation

/// A valid PDF of blank pages, made in the test rather than committed: the smallest file
/// `pdfinfo` reads (a catalogue, a page tree, the pages, a cross-reference table). For the tests
/// of every module that needs one (`BamasoTestSupport` is a library only tests depend on).
public enum TinyPDF {
    /// `pages` blank pages; at least about `size` bytes, with a comment line after the header
    /// to make up the difference.
    public static func data(pages: Int, size: Int = 0) -> Data {
        let base = make(pages: pages, padding: 0)
        return size > base.count + 2 ? make(pages: pages, padding: size - base.count - 2) : base
    }

    private static func make(pages: Int, padding: Int) -> Data {
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        let objects =
            ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>"]
            + Array(repeating: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", count: pages)
        var pdf = "%PDF-1.4\n" + (padding > 0 ? "%" + String(repeating: "x", count: padding) + "\n" : "")
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}

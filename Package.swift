// swift-tools-version: 6.1
import PackageDescription

// Targets follow the pipeline (docs: ../shared/DESIGN.md): each stage depends only on the
// stages before it, so the compiler keeps the direction.
let package = Package(
    name: "bamaso",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bamaso", targets: ["bamaso"]),
        .library(name: "BamasoSite", targets: ["BamasoSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // libvips's headers; the library itself is loaded when a build first works on an image,
        // not linked (Sources/CVips/shim.h), so pkg-config is asked only for GLib's headers.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "gobject-2.0",
            providers: [.apt(["libvips-dev"])]
        ),
        // What every stage shares and none owns: copy-on-write boxes, concurrentMap, trimming,
        // fingerprints, system errors, and the one memo that rebuilds reuse (`ItemMemo`).
        .target(name: "BamasoSupport"),
        .target(name: "BamasoDiagnostics", dependencies: ["BamasoSupport"]),
        .target(name: "BamasoMarkdown", dependencies: ["CCmark", "BamasoDiagnostics", "BamasoSupport"]),
        // The only door to libqrencode: QR codes of printable pages' addresses, as inline SVG.
        .target(name: "BamasoQRCode", dependencies: ["CQRencode"]),
        // The only module that imports libvips: images checked, resized, encoded and cached.
        .target(name: "BamasoImages", dependencies: ["CVips", "BamasoSupport"]),
        .target(
            name: "BamasoLoad",
            dependencies: ["BamasoDiagnostics", "BamasoSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "BamasoParse",
            dependencies: [
                "BamasoDiagnostics", "BamasoMarkdown", "BamasoLoad", "BamasoSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "BamasoResolve",
            dependencies: [
                "BamasoDiagnostics", "BamasoImages", "BamasoMarkdown", "BamasoLoad", "BamasoParse", "BamasoSupport",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .target(
            name: "BamasoRender",
            dependencies: [
                "BamasoDiagnostics", "BamasoImages", "BamasoLoad", "BamasoMarkdown", "BamasoParse", "BamasoQRCode",
                "BamasoResolve",
                "BamasoSupport", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "BamasoWrite",
            dependencies: ["BamasoDiagnostics", "BamasoLoad", "BamasoRender", "BamasoSupport"]
        ),
        .target(
            name: "BamasoSite",
            dependencies: [
                "BamasoDiagnostics", "BamasoImages", "BamasoMarkdown", "BamasoLoad", "BamasoParse",
                "BamasoResolve", "BamasoRender", "BamasoSupport", "BamasoWrite",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The preview server of `bamaso serve`: Hummingbird, live reload, the error page.
        .target(
            name: "BamasoServe",
            dependencies: [
                "BamasoDiagnostics", "BamasoRender", "BamasoSite", "BamasoSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "bamaso",
            dependencies: [
                "BamasoDiagnostics", "BamasoLoad", "BamasoParse", "BamasoResolve", "BamasoSite", "BamasoServe",
                "BamasoSupport",
                "BamasoWrite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer target over parse, resolve and render (Fuzz/run.sh builds it with
        // -DFUZZING); a plain build makes it a tool that replays saved inputs.
        .executableTarget(
            name: "BamasoFuzz",
            dependencies: [
                "BamasoDiagnostics", "BamasoLoad", "BamasoMarkdown", "BamasoParse", "BamasoResolve", "BamasoRender",
            ]
        ),
        .testTarget(name: "BamasoSupportTests", dependencies: ["BamasoSupport"]),
        .testTarget(name: "BamasoDiagnosticsTests", dependencies: ["BamasoDiagnostics"]),
        .testTarget(name: "BamasoMarkdownTests", dependencies: ["BamasoMarkdown"]),
        .testTarget(name: "BamasoQRCodeTests", dependencies: ["BamasoQRCode", "BamasoTestSupport"]),
        .testTarget(name: "BamasoImagesTests", dependencies: ["BamasoImages", "BamasoSupport"]),
        // What the tests of several modules need (a PDF made on the spot, a QR code read back);
        // only tests use it.
        .target(name: "BamasoTestSupport", path: "Tests/BamasoTestSupport"),
        .testTarget(
            name: "BamasoParseTests",
            dependencies: [
                "BamasoDiagnostics", "BamasoLoad", "BamasoMarkdown", "BamasoParse", "BamasoSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "BamasoResolveTests",
            dependencies: [
                "BamasoDiagnostics", "BamasoLoad", "BamasoMarkdown", "BamasoParse", "BamasoResolve", "BamasoSupport",
                "BamasoTestSupport",
            ]
        ),
        .testTarget(
            name: "BamasoRenderTests",
            dependencies: [
                "BamasoDiagnostics", "BamasoLoad", "BamasoParse", "BamasoRender", "BamasoResolve",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(name: "BamasoWriteTests", dependencies: ["BamasoWrite", "BamasoRender", "BamasoDiagnostics"]),
        .testTarget(
            name: "BamasoSiteTests",
            dependencies: ["BamasoDiagnostics", "BamasoImages", "BamasoLoad", "BamasoSite", "BamasoTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BamasoServeTests",
            dependencies: ["BamasoServe", "BamasoSite", "BamasoLoad", "BamasoSupport"]
        ),
        .testTarget(
            name: "bamasoCLITests",
            dependencies: ["bamaso", "BamasoTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

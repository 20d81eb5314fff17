// swift-tools-version: 6.1
import PackageDescription

// One settings list for every target (STYLE.md §3): the compiler then rejects a
// public signature that leaks an internal import, such as a libxml2 type.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "NewsAnnotation",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "NewsAnnotation", targets: ["NewsAnnotation"]),
        .library(name: "NewsIngest", targets: ["NewsIngest"]),
        .library(name: "NewsAnnotators", targets: ["NewsAnnotators"]),
        .library(name: "NewsBatch", targets: ["NewsBatch"]),
        .library(name: "NewsReading", targets: ["NewsReading"]),
        .library(name: "NewsAnnotationTesting", targets: ["NewsAnnotationTesting"]),
        .executable(name: "news-annotate", targets: ["news-annotate"]),
        .executable(name: "news-annotate-benchmark", targets: ["news-annotate-benchmark"]),
        .plugin(name: "RegenerateGoldens", targets: ["RegenerateGoldens"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    // Dependencies point one way (Docs/Architecture.md):
    //   news-annotate → NewsReading → NewsBatch → NewsIngest → CLibXML2
    //   news-annotate → NewsAnnotators (the stages) → NewsAnnotation (the core) ← NewsIngest
    // The stages depend on the core alone, so a stage can be written and tested without ingest
    // or any tool; the tools run any pipeline and never reach into the stages.
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "NewsAnnotation"),
        .target(
            name: "NewsIngest",
            dependencies: ["CLibXML2", "NewsAnnotation"],
            resources: [.process("Resources")]
        ),
        .target(
            name: "NewsAnnotators",
            dependencies: ["NewsAnnotation"],
            resources: [.process("Segmentation/Resources"), .process("Dates/Resources"), .process("Entities/Resources"), .process("Quotes/Resources"), .process("Sources/Resources")]
        ),
        // Running a pipeline over many inputs: batches, JSON Lines streams, atomic writes, resume.
        .target(name: "NewsBatch", dependencies: ["NewsAnnotation", "NewsIngest"]),
        // Annotated JSON read back (one reader, AnnotatedDocument) and what is built on it:
        // check, eval, the HTML view and the exports.
        .target(name: "NewsReading", dependencies: ["NewsAnnotation", "NewsIngest", "NewsBatch"], resources: [.process("Resources")]),
        .target(name: "NewsAnnotationTesting", dependencies: ["NewsAnnotation"]),
        .executableTarget(
            name: "news-annotate",
            dependencies: [
                "NewsAnnotation", "NewsIngest", "NewsAnnotators", "NewsBatch", "NewsReading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "news-annotate-benchmark",
            dependencies: [
                "NewsAnnotation", "NewsIngest", "NewsAnnotators", "NewsBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing target for ingest: built with -sanitize=fuzzer by Scripts/fuzz-ingest.sh;
        // a plain build replays files through the same entry point.
        .executableTarget(
            name: "news-annotate-ingest-fuzzer",
            dependencies: ["NewsAnnotation", "NewsIngest"]
        ),
        .plugin(
            name: "RegenerateGoldens",
            capability: .command(
                intent: .custom(verb: "regenerate-goldens", description: "Rewrite Samples/*.expected.json from the current pipeline"),
                permissions: [.writeToPackageDirectory(reason: "Rewrites the golden files Samples/*.expected.json")]
            ),
            dependencies: ["news-annotate"]
        ),
        .testTarget(name: "NewsAnnotationTests", dependencies: ["NewsAnnotation", "NewsAnnotationTesting"]),
        .testTarget(name: "NewsIngestTests", dependencies: ["NewsIngest", "NewsAnnotation"]),
        .testTarget(
            name: "NewsAnnotatorsTests",
            dependencies: ["NewsAnnotators", "NewsIngest", "NewsAnnotation", "NewsAnnotationTesting"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "NewsBatchTests", dependencies: ["NewsBatch", "NewsAnnotators", "NewsIngest", "NewsAnnotation"]),
        .testTarget(
            name: "NewsReadingTests",
            dependencies: ["NewsReading", "NewsBatch", "NewsAnnotators", "NewsIngest", "NewsAnnotation"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "NewsAnnotateCLITests", dependencies: ["news-annotate"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}

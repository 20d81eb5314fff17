// swift-tools-version: 6.1
import PackageDescription

// A package of its own that adds a stage to the pipeline through the public API only.
// If it stops compiling, the extension point broke for outside users.
let package = Package(
    name: "CustomAnnotator",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "MoneyAnnotator", targets: ["MoneyAnnotator"]),
        .executable(name: "custom-annotate", targets: ["custom-annotate"]),
    ],
    dependencies: [
        .package(name: "NewsAnnotation", path: "../.."),
    ],
    targets: [
        .target(
            name: "MoneyAnnotator",
            dependencies: [
                .product(name: "NewsAnnotation", package: "NewsAnnotation"),
            ]
        ),
        .executableTarget(
            name: "custom-annotate",
            dependencies: [
                "MoneyAnnotator",
                .product(name: "NewsAnnotation", package: "NewsAnnotation"),
                .product(name: "NewsAnnotators", package: "NewsAnnotation"),
                .product(name: "NewsIngest", package: "NewsAnnotation"),
            ]
        ),
        .testTarget(
            name: "MoneyAnnotatorTests",
            dependencies: [
                "MoneyAnnotator",
                .product(name: "NewsAnnotation", package: "NewsAnnotation"),
                .product(name: "NewsAnnotators", package: "NewsAnnotation"),
                .product(name: "NewsIngest", package: "NewsAnnotation"),
                .product(name: "NewsAnnotationTesting", package: "NewsAnnotation"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

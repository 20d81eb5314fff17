import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory regenerate-goldens`
///
/// Rewrites `Samples/*.expected.json` by running `news-annotate` over every sample input.
/// The plugin holds no logic of its own: it calls the executable, which writes atomically.
@main
struct RegenerateGoldens: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "news-annotate")
        let samples = context.package.directoryURL.appending(path: "Samples")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: samples.path)
            .filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".html")) && !$0.hasPrefix(".") }
            .sorted()
        for input in inputs {
            let stem = input.split(separator: ".").dropLast().joined(separator: ".")
            let process = Process()
            process.executableURL = tool.url
            process.currentDirectoryURL = context.package.directoryURL
            process.arguments = ["annotate", "Samples/\(input)", "--quiet"] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                Diagnostics.error("news-annotate failed on Samples/\(input) with status \(process.terminationStatus)")
                continue
            }
            try data.write(to: samples.appending(path: "\(stem).expected.json"), options: .atomic)
            print("rewrote Samples/\(stem).expected.json")
        }
    }
}

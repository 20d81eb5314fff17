import ArgumentParser
import Foundation

/// Where the command talks: JSON on standard output, one line per error on standard error.
enum Terminal {
    static func writeOut(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("news-annotate: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("news-annotate: \(message)\n".utf8))
    }

    static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }

    /// Runs setup work; an error becomes one line on standard error and exit code 2.
    static func orExit<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            Terminal.error(String(describing: error))
            throw ExitCode(2)
        }
    }
}

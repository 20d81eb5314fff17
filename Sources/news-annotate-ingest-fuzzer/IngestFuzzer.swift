import Foundation
import NewsAnnotation
import NewsIngest

/// The libFuzzer entry point: one input, read as HTML and as text. Ingest must never crash,
/// hang or throw anything but an `IngestError` on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for mediaType in [IngestOptions.MediaType.html, .text] {
        var options = IngestOptions(mediaType: mediaType)
        options.maxNodes = 200_000
        guard let ingestor = try? Ingestor(options: options) else { return 0 }
        do {
            let document = try ingestor.ingest(bytes: bytes, id: "fuzz", path: nil)
            // Every span must lie on the text.
            let count = document.content.count
            for block in document[Layers.blocks] ?? [] where block.end > count { fatalError("block \(block.span) past the text (\(count))") }
            for element in document[Layers.markup] ?? [] where element.end > count { fatalError("markup \(element.span) past the text (\(count))") }
        } catch {
            // IngestError is an answer, not a failure.
        }
    }
    return 0
}

#if FUZZING
/// libFuzzer's driver, called from our own `main` (SwiftPM names an executable's entry point
/// itself, so libFuzzer's `main` cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif

/// With `-sanitize=fuzzer -DFUZZING` (Scripts/fuzz-ingest.sh) this runs libFuzzer; in a plain
/// build it replays files given as arguments through the same entry point, so an input the
/// fuzzer found can be kept as a regression and replayed anywhere.
@main
struct IngestFuzzerMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzIngest(data, size) })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            let bytes = [UInt8](data) + [0]
            _ = bytes.withUnsafeBufferPointer { buffer in
                // The trailing 0 keeps the pointer valid for empty files; it is not passed on.
                fuzzIngest(buffer.baseAddress!, buffer.count - 1)
            }
            print("ok \(path)")
        }
        #endif
    }
}

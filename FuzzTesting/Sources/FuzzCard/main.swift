import ModelRepository
import TrustmarkCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let card = ModelCardParser.parse(TextDocument(path: "README.md", text: text))
    _ = ModelConfigReader.read(TextDocument(path: "config.json", text: text))
    _ = card.sections.count
    // Compute quantities are read from any card line (D6, the EU AI Act label).
    for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(200) {
        _ = ComputeQuantities.flop(in: String(line))
        _ = ComputeQuantities.trainingTokens(in: String(line))
    }
    return 0
}

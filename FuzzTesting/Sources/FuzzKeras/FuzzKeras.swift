import ModelFormats
import TrustmarkCore

// A model config as JSON text (or bytes with an embedded config, as in H5 files) through the Keras checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let json = KerasConfigCheck.embeddedConfig(in: bytes).map { Array($0.json) } ?? bytes
    if let root = try? JSONParser.parse(json) {
        _ = KerasConfigCheck.check(root, path: "fuzz", origin: "config.json", inH5: size % 2 == 0, at: 0)
    }
    return 0
}

import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = ChatTemplateScanner.scan(text, path: "fuzz", firstLine: 1, origin: "fuzz")
    return 0
}

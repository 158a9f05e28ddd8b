import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let header = GGUFReader.parse(bytes: Array("GGUF".utf8) + Array(UnsafeBufferPointer(start: data, count: size)))
    _ = header.facts(path: "fuzz", fileSize: UInt64(size + 4))
    return 0
}

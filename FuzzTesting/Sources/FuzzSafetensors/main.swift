import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let header = SafetensorsReader.parse(file: bytes)
    _ = header.facts(path: "fuzz", fileSize: UInt64(size))
    return 0
}

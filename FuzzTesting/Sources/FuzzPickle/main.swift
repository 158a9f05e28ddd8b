import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = PickleAnalyzer.scan(path: "fuzz", cursor: ByteCursor(bytes: Array(UnsafeBufferPointer(start: data, count: size))))
    return 0
}

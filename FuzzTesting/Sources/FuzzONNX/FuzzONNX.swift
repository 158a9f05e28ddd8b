import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ONNXReader.read(ByteCursor(bytes: Array(UnsafeBufferPointer(start: data, count: size))))
    return 0
}

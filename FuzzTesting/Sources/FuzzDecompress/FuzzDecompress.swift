import ModelFormats

// The first byte picks the decoder; the rest is the compressed input. Output is capped at 1 MiB so bombs end fast.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let codecs = Compression.allCases
    let codec = codecs[Int(data[0]) % codecs.count]
    _ = try? codec.decompress(Array(UnsafeBufferPointer(start: data + 1, count: size - 1)), limit: 1 << 20)
    return 0
}

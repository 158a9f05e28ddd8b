import Licenses
import TrustmarkCore

let matcher = LicenseMatcher()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = matcher.identify(TextDocument(path: "LICENSE", text: text))
    return 0
}

import Foundation
import ModelFormats

// The dispatcher reads files (ZIP central directories, npy, H5, every magic), so each input is written to a file.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-fuzz-scanner-\(getpid())").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    _ = ModelFileScanner.scan(path: path)
    return 0
}

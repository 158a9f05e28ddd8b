import Foundation
import ModelFormats

// The HDF5 walk reads by address, so each input is written to a file; the scanner adds the Keras config check.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-fuzz-hdf5-\(getpid())").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    _ = ModelFileScanner.scan(path: path)
    return 0
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files below a folder, for `trustmark scan`: symbolic links are not followed (a scan
/// must not leave the folder it was given), `.git` is skipped, and the result is sorted by bytes so
/// the output is the same on every machine.
///
/// Plain `readdir` instead of FileManager's enumerator: listing through URL resource values cost
/// more than scanning the files themselves on a folder of small pickles.
public enum FolderListing {
    public static func regularFiles(in folder: String, maxDepth: Int = 64) -> [String] {
        var result: [String] = []
        var pending: [(path: String, relative: String, depth: Int)] = [(folder, "", 0)]
        while let (path, relative, depth) = pending.popLast() {
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." || name == ".git" { continue }
                let childPath = path + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(childPath, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFREG: type = UInt8(DT_REG)
                    default: continue
                    }
                }
                if type == UInt8(DT_DIR), depth < maxDepth {
                    pending.append((childPath, childRelative, depth + 1))
                } else if type == UInt8(DT_REG) {
                    result.append(childRelative)
                }
            }
        }
        return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The regular files below a folder, for `trustmark scan`: symbolic links are not followed (a scan
/// must not leave the folder it was given), `.git` is skipped, and the result is sorted by bytes so
/// the output is the same on every machine. Names are kept as the bytes the file system holds, so a
/// file whose name is not UTF-8 is opened, and scanned, like any other.
///
/// Plain `readdir` instead of FileManager's enumerator: listing through URL resource values cost
/// more than scanning the files themselves on a folder of small pickles.
public enum FolderListing {
    public struct Entry: Sendable {
        /// The path to open: the folder given, then the relative name.
        public var name: FileName
        /// The relative path as shown.
        public var relative: String
    }

    public static func regularFiles(in folder: String, maxDepth: Int = 64) -> [Entry] {
        var result: [(relative: [UInt8], name: FileName)] = []
        var pending: [(path: FileName, relative: [UInt8], depth: Int)] = [(FileName(folder), [], 0)]
        while let (path, relative, depth) = pending.popLast() {
            guard let directory = path.withCString({ opendir($0) }) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
                if name == [0x2E] || name == [0x2E, 0x2E] || name == Array(".git".utf8) { continue }
                let child = path.appending(FileName(bytes: name))
                let childRelative = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard child.withCString({ lstat($0, &status) }) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFREG: type = UInt8(DT_REG)
                    default: continue
                    }
                }
                if type == UInt8(DT_DIR), depth < maxDepth {
                    pending.append((child, childRelative, depth + 1))
                } else if type == UInt8(DT_REG) {
                    result.append((childRelative, child))
                }
            }
        }
        return result.sorted { $0.relative.lexicographicallyPrecedes($1.relative) }
            .map { Entry(name: $0.name, relative: FileName.display($0.relative)) }
    }
}

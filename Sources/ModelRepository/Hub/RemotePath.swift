import Foundation
import TrustmarkCore

/// Which paths from a remote file listing are read, and how they go into a download URL. A listing is the server's
/// word, and a path is spliced into `/{repo}/resolve/{commit}/{path}`: one with `..`, `.` or empty segments, a leading
/// `/`, a backslash or a control character is never requested (it could name something outside the repository, or
/// hide on a terminal), but listed as not read. Every segment of a safe path is percent-encoded byte by byte.
public enum RemotePath {
    public static let maxBytes = 4096

    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= maxBytes, !path.hasPrefix("/"), !path.utf8Contains("\\") else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    /// The path with each segment percent-encoded (unreserved ASCII kept), or nil when the path is not safe.
    public static func encoded(_ path: String) -> String? {
        guard isSafe(path) else { return nil }
        return path.split(separator: "/").map { segment in
            segment.utf8.map { byte -> String in
                let unreserved =
                    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
                return unreserved ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
        }.joined(separator: "/")
    }

    /// How a refused path is shown: escaped, and cut to 200 characters.
    public static func display(_ path: String) -> String {
        let shown = TerminalText.escape(path)
        return shown.count > 200 ? String(shown.prefix(200)) + "…" : shown
    }

    /// The entries of a listing that may be read, and a not-read problem for each one that may not.
    static func screen(_ tree: [HubClient.TreeEntry]) -> (safe: [HubClient.TreeEntry], problems: [ReadProblem]) {
        var safe: [HubClient.TreeEntry] = []
        var problems: [ReadProblem] = []
        for entry in tree {
            if isSafe(entry.path) {
                safe.append(entry)
            } else {
                problems.append(
                    ReadProblem(
                        path: display(entry.path),
                        message:
                            "the file listing names an unsafe path (empty, `.` or `..` segments, an absolute path, a backslash or a control character); not requested",
                        incompleteListing: true))
            }
        }
        return (safe, problems)
    }
}

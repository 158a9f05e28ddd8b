/// Myers' O(ND) difference of two token sequences, as runs of inserted and deleted tokens.
/// Each depth keeps only the diagonals it can reach, so memory is O(D²); `maxEdits` bounds both
/// time and memory, and beyond it the diff says it gave up (`nil`).
enum TokenDiff {
    struct Run: Equatable {
        /// Token range in the new sequence (insertions) or in the old one (deletions).
        var range: Range<Int>
        var isInsertion: Bool
    }

    static func runs(old: [UInt64], new: [UInt64], maxEdits: Int = 1_500) -> [Run]? {
        let n = old.count
        let m = new.count
        let maximum = min(n + m, maxEdits)
        let offset = maximum + 1
        var frontier = [Int](repeating: 0, count: 2 * maximum + 3)
        // history[d] holds the frontier before depth d, for diagonals -(d+1)...(d+1).
        var history: [[Int]] = []
        var finished = false
        search: for depth in 0...maximum {
            history.append(Array(frontier[(offset - depth - 1)...(offset + depth + 1)]))
            for diagonal in stride(from: -depth, through: depth, by: 2) {
                var x = movesDown(diagonal, depth) { frontier[offset + $0] } ? frontier[offset + diagonal + 1] : frontier[offset + diagonal - 1] + 1
                var y = x - diagonal
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + diagonal] = x
                if x >= n && y >= m {
                    finished = true
                    break search
                }
            }
        }
        guard finished else { return nil }

        var edits: [(index: Int, isInsertion: Bool)] = []
        var x = n
        var y = m
        for depth in stride(from: history.count - 1, through: 1, by: -1) {
            let saved = history[depth]
            let value: (Int) -> Int = { saved[$0 + depth + 1] }
            let diagonal = x - y
            let down = movesDown(diagonal, depth, value)
            let previousDiagonal = down ? diagonal + 1 : diagonal - 1
            let previousX = value(previousDiagonal)
            let previousY = previousX - previousDiagonal
            let middleX = down ? previousX : previousX + 1
            while x > middleX {
                x -= 1
                y -= 1
            }
            edits.append(down ? (previousY, true) : (previousX, false))
            x = previousX
            y = previousY
        }
        var runs: [Run] = []
        for edit in edits.reversed() {
            if let last = runs.last, last.isInsertion == edit.isInsertion, last.range.upperBound == edit.index {
                runs[runs.count - 1].range = last.range.lowerBound..<(edit.index + 1)
            } else {
                runs.append(Run(range: edit.index..<(edit.index + 1), isInsertion: edit.isInsertion))
            }
        }
        return runs
    }

    /// Whether the path to `diagonal` at `depth` comes from the diagonal above (an insertion).
    private static func movesDown(_ diagonal: Int, _ depth: Int, _ value: (Int) -> Int) -> Bool {
        diagonal == -depth || (diagonal != depth && value(diagonal - 1) < value(diagonal + 1))
    }
}

import Foundation
import HubTestSupport
import ModelRepository
import RatingPipeline
import TrustmarkCore

/// Rates the DeepSeek-R1-like fixture (163 shards) from the fake Hub on loopback and prints bytes,
/// requests and wall time per run: `swift build -c release && .build/release/HubBench [runs] [--modelscope]` (the
/// client library, libTrustmarkHTTP.so, is built beside it by the full build). `--modelscope` serves the same
/// repository through the fake ModelScope API instead.
/// `HubBench --serve SECONDS` only serves the fixture, printing the endpoint, for a smoke test of the CLI.
@main
struct HubBench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let modelScope = arguments.contains("--modelscope")
        arguments.removeAll { $0 == "--modelscope" }
        let repository = DeepSeekLikeRepository.repository()
        let routes = FakeHubRoutes()
        routes.repositories[repository.id] = repository
        let modelScopeRoutes = FakeModelScopeRoutes()
        modelScopeRoutes.repositories[repository.id] = repository
        let hub = try FakeHub { modelScope ? modelScopeRoutes.reply($0) : routes.reply($0) }
        routes.endpoint = hub.endpoint
        if arguments.first == "--serve" {
            FileHandle.standardOutput.write(Data((hub.endpoint + "\n").utf8))
            Thread.sleep(forTimeInterval: arguments.dropFirst().first.flatMap(Double.init) ?? 120)
            return
        }
        let runs = arguments.first.flatMap(Int.init) ?? 5
        var times: [Double] = []
        for run in 1...runs {
            let configuration = HubConfiguration(endpoint: hub.endpoint)
            let start = Date()
            let remote: HubRepository
            let transferred: () -> (bytes: Int, requests: Int)
            if modelScope {
                let client = ModelScopeClient(configuration: configuration)
                remote = try HubRepository.fetch(modelScope: HubReference(repository: repository.id, platform: .modelScope), client: client)
                transferred = { client.transferred }
            } else {
                let client = HubClient(configuration: configuration)
                remote = try HubRepository.fetch(HubReference(repository: repository.id), client: client)
                transferred = { client.transferred }
            }
            let snapshot = SnapshotLoader().load(remote)
            let rating = RatingPipeline().rate(snapshot: snapshot).rating
            let seconds = Date().timeIntervalSince(start)
            times.append(seconds)
            let (bytes, requests) = transferred()
            print(
                String(
                    format: "run %d: %.2f s, %d requests, %.1f MB, %d files, %@ parameters, grade %@", run, seconds, requests, Double(bytes) / 1e6,
                    snapshot.files.count, ParameterCount.format(snapshot.weights.parameterCount ?? 0), rating.grade?.rawValue ?? "-"))
        }
        print(String(format: "median %.2f s", times.sorted()[times.count / 2]))
        hub.stop()
    }
}

import Foundation
import Testing
import TrustmarkCore

@testable import ModelFormats

/// Keras `.keras` archives and H5 files (Tests/Fixtures/hdf5, made by scripts/make-hdf5-fixtures.py).
@Suite("Keras and HDF5")
struct KerasAndHDF5Tests {
    static func fixture(_ name: String) -> String { TestFixtures.path("hdf5", name) }

    @Test func benignFilesAreWalkedWholeWithoutFindings() throws {
        let earliest = try BinaryFile(path: Self.fixture("benign-earliest.h5"))
        let walk = HDF5LinkCheck.walk(earliest, path: "benign-earliest.h5")
        #expect(walk.findings.isEmpty)
        // root, model_weights, 12 layer groups and their 12 kernels
        #expect(walk.objects == 26)
        let latest = HDF5LinkCheck.walk(try BinaryFile(path: Self.fixture("benign-latest.h5")), path: "benign-latest.h5")
        #expect(latest.findings.isEmpty)
        #expect(latest.objects == 10)
        let report = ModelFileScanner.scan(path: Self.fixture("benign-earliest.h5"))
        #expect(report.format == .kerasH5)
        #expect(report.findings.isEmpty)
        #expect(report.weights?.metadata["model_class"] == "Sequential")
        // Twelve float32 kernels of four elements each, read from the datasets' dataspace and datatype messages.
        #expect(report.weights?.parametersByDtype == ["F32": 48])
        #expect(report.weights?.tensorCount == 12)
    }

    @Test func denseLinkStorageIsACoverageGapNotAVerdict() throws {
        let report = ModelFileScanner.scan(path: Self.fixture("dense-latest.h5"))
        #expect(report.findings.map(\.rule) == ["COV"])
        #expect(!report.isUnsafe)
    }

    @Test(arguments: [
        ("soft-link.h5", "soft link to /real", SafetySeverity.medium), ("external-link.h5", "external link to /etc/passwd", .high),
        ("external-file.h5", "external files", .high), ("virtual.h5", "virtual dataset", .high),
    ])
    func flagsLinksThatReachOutside(name: String, expected: String, severity: SafetySeverity) throws {
        let report = ModelFileScanner.scan(path: Self.fixture(name))
        let links = report.findings.filter { $0.rule == "H5-LINK" }
        #expect(links.count == 1)
        #expect(links.first?.severity == severity)
        #expect(links.first?.message.contains(expected) == true, "\(links.map(\.message))")
    }

    @Test func lambdaAndModuleImportsInH5ConfigsAreCritical() throws {
        let lambda = ModelFileScanner.scan(path: Self.fixture("lambda.h5"))
        #expect(lambda.findings.filter { $0.rule == "KERAS-LAMBDA" }.map(\.severity) == [.critical])
        #expect(lambda.findings.first?.message.contains("/config/layers/2") == true)
        let module = ModelFileScanner.scan(path: Self.fixture("module-os.h5"))
        #expect(module.findings.contains { $0.rule == "KERAS-MODULE" && $0.severity == .critical && $0.message.contains("os.system") })
    }

    static func kerasArchive(_ config: String) throws -> FileScanReport {
        let bytes = StoredZip.make([
            ("metadata.json", Array(#"{"keras_version": "3.8.0"}"#.utf8)), ("config.json", Array(config.utf8)),
            ("model.weights.h5", [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]),
        ])
        return ModelFileScanner.scan(path: try temporaryFile(bytes, name: "model.keras").path)
    }

    @Test func kerasArchivesAreCheckedFromTheirConfig() throws {
        let benign = try Self.kerasArchive(
            #"{"module": "keras", "class_name": "Sequential", "config": {"name": "m", "layers": [{"module": "keras.layers", "class_name": "Dense", "config": {"units": 2}, "registered_name": null}]}}"#
        )
        #expect(benign.format == .keras)
        #expect(benign.findings.isEmpty, "\(benign.findings.map(\.message))")
        #expect(benign.weights?.metadata["keras_version"] == "3.8.0")

        let lambda = try Self.kerasArchive(
            #"{"class_name": "Sequential", "config": {"layers": [{"module": "keras.layers", "class_name": "Lambda", "config": {"function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAAD"}}}}]}}"#
        )
        // A .keras Lambda runs only with safe_mode=False: HIGH, not CRITICAL.
        #expect(lambda.findings.filter { $0.rule == "KERAS-LAMBDA" }.map(\.severity).max() == .high)

        let getFile = try Self.kerasArchive(
            #"{"class_name": "Sequential", "config": {"layers": [{"module": "keras.utils", "class_name": "get_file", "config": {"origin": "https://example.com/x.py"}, "registered_name": "get_file"}]}}"#
        )
        #expect(getFile.findings.contains { $0.rule == "KERAS-MODULE" && $0.severity == .critical })

        let thirdParty = try Self.kerasArchive(
            #"{"class_name": "Sequential", "config": {"layers": [{"module": "mypkg.layers", "class_name": "Fancy", "config": {}, "registered_name": "mypkg>Fancy"}]}}"#
        )
        #expect(thirdParty.findings.map(\.severity) == [.medium])

        // The stored weights file is walked in place: parameters and links come from the embedded HDF5.
        let weights = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture("benign-earliest.h5"))))
        let linked = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture("external-link.h5"))))
        let config = Array(#"{"class_name": "Sequential", "config": {"layers": []}}"#.utf8)
        for (file, expected) in [(weights, ["F32": UInt64(48)]), (linked, ["F64": UInt64(2)])] {
            let archive = StoredZip.make([("metadata.json", Array("{}".utf8)), ("config.json", config), ("model.weights.h5", file)])
            let report = ModelFileScanner.scan(path: try temporaryFile(archive, name: "model.keras").path)
            #expect(report.weights?.parametersByDtype == expected)
            #expect(report.isUnsafe == (file == linked), "\(report.findings.map(\.message))")
        }

        let broken = try Self.kerasArchive(#"{"class_name": "#)
        #expect(broken.findings.map(\.rule) == ["COV"])
    }
}

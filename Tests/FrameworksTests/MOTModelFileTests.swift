import Foundation
import Testing

@testable import Frameworks

@Suite("Model Openness Tool files")
struct MOTModelFileTests {
    static let olmo = """
        framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}
        release:
          name: OLMo-7B
          version: 7B
          date: '2025-05-16'
          type: language
          architecture: transformer
          producer: 'Allen Institute for AI'
          repository: 'https://github.com/allenai/OLMo'
          huggingface: 'https://huggingface.co/allenai/OLMo-7B'
          license: {distribution: {name: Apache-2.0, path: ''}}
          components:
            - {name: 'Model architecture'}
            - {name: 'Data preprocessing code'}
            - {name: 'Training code'}
            - {name: 'Inference code'}
            - {name: 'Evaluation code'}
            - {name: 'Model parameters (Final)'}
            - {name: 'Model parameters (Intermediate)'}
            - {name: Datasets}
            - {name: 'Evaluation data'}
            - {name: 'Model card'}
            - {name: 'Data card'}
            - {name: 'Research paper', license: CC-BY-4.0}
            - {name: 'Evaluation results'}
        """

    @Test func readsTheToolsOwnOLMoEntryAsClassOne() throws {
        // A copy of the Model Openness Tool's models/OLMo-7B.yml: the tool computes Class I, 100/100/100.
        let model = try MOTModelFile.read(Self.olmo)
        #expect(model.name == "OLMo-7B" && model.producer == "Allen Institute for AI" && model.components.count == 13)
        let result = MOFEvaluator.evaluate(model)
        #expect(result.mofClass == 1)
        #expect(result.progress == [1: 100, 2: 100, 3: 100])
    }

    @Test func writtenFilesReadBackToTheSameClass() throws {
        var model = try MOTModelFile.read(Self.olmo)
        model.components.removeAll { $0.component == .datasets }
        model.components.append(MOFModel.Component(.modelMetadata, license: ""))
        let text = MOTModelFile.write(model, date: "2026-11-29")
        let again = try MOTModelFile.read(text)
        model.components.sort { $0.component < $1.component }
        #expect(again == model)
        #expect(MOFEvaluator.evaluate(again) == MOFEvaluator.evaluate(model))
        #expect(MOFEvaluator.evaluate(again).mofClass == 2)
        #expect(MOTModelFile.write(again, date: "2026-11-29") == text)
    }

    @Test func refusesWhatIsNotAModelFile() {
        #expect(throws: MOTModelFile.Failure.self) { try MOTModelFile.read("release: {producer: x}") }
        #expect(throws: MOTModelFile.Failure.self) { try MOTModelFile.read("release: {name: x, components: [{name: 'Weights'}]}") }
        #expect(throws: MOTModelFile.Failure.self) { try MOTModelFile.read("a: &a [1, 2]\nb: [*a, *a]\nrelease: {name: x}") }
        #expect(throws: MOTModelFile.Failure.self) { try MOTModelFile.read(": : :\n  - ]") }
    }
}

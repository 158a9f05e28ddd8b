/// Every rule a static scan can report, each with its one-line summary beside it (SARIF `shortDescription`, the
/// scan report, docs/model-files.md). A test keeps this table and the rules the scanners emit the same, both ways.
public enum SafetyRules {
    public static let table: [(id: String, summary: String)] = [
        ("COV", "The file, or part of it, could not be scanned."),
        ("PKL-DENY", "A pickle imports a known code-execution or exfiltration sink."),
        ("PKL-UNKNOWN-CALLED", "A pickle calls a global outside the allowlist of model-file globals."),
        ("PKL-UNKNOWN-REF", "A pickle imports a global outside the allowlist without calling it."),
        ("PKL-DOTTED", "A pickle global walks attributes (dotted or dunder names) or cannot be resolved."),
        ("PKL-BUILD-TARGET", "BUILD sets state on a module, class or function."),
        ("PKL-ARG-IOC", "A call carries a URL, shell command or encoded code."),
        ("PKL-MALFORMED", "The pickle stream is broken; code before the break still runs."),
        ("PKL-PROTO", "PROTO appears after the start of the stream."),
        ("PKL-EXT", "An import or persistent id that cannot be resolved statically."),
        ("PKL-PERSID", "An import or persistent id that cannot be resolved statically."),
        ("PKL-DOS", "The pickle grows its stack or memo without bound."),
        ("PKL-TAMPER", "A pickle imports a scanner module."),
        ("PKL-NESTED", "A bytes argument is itself a pickle, unpickled when the outer object is rebuilt."),
        ("PT-SCRIPT", "TorchScript code that runs when the archive is loaded."),
        ("PT-LEGACY-MAGIC", "A legacy PyTorch file whose leading pickles run before the weights are read."),
        ("CTR-EVASIVE", "An archive format that model loaders do not read and scanners cannot inspect."),
        ("CTR-ZIP-DIFF", "ZIP structures that readers interpret differently."),
        ("CTR-ZIP-PATH", "A ZIP member path that escapes the extraction folder."),
        ("CTR-MAGIC", "A pickle under a non-pickle name."),
        ("CTR-EXE", "A native executable or library."),
        ("CTR-BOMB", "A compressed member that expands past the decompression budget; the rest was not scanned."),
        ("ST-STRUCT", "A safetensors header breaks the format's rules."),
        ("ST-DIFF", "A safetensors header that readers interpret differently."),
        ("GGUF-STRUCT", "A GGUF header breaks the format's rules."),
        ("ONNX-STRUCT", "An ONNX model that cannot be parsed as the format requires."),
        ("ONNX-OP", "An ONNX operator from a custom domain, which needs native code to run."),
        ("ONNX-PATH", "ONNX external data that points outside the model's folder or nowhere."),
        ("KERAS-LAMBDA", "A Keras Lambda layer whose Python runs on load."),
        ("KERAS-MODULE", "A Keras config that imports modules or custom objects when the model is loaded."),
        ("H5-LINK", "An HDF5 external or soft link that reaches outside the file."),
        ("TF-OPS", "A TensorFlow graph with operations that read or write files or run code."),
        ("PY-EXEC", "Repository Python code, run by trust_remote_code, calls what runs commands, evaluates strings or decodes payloads."),
        ("TPL-EXEC", "A chat template reaches Python objects or loads other templates when rendered without a sandbox."),
        ("TPL-CONTENT", "A chat template holds a URL (hidden instructions or exfiltration?)."),
    ]

    /// The summary of a rule, or the id itself for one this table does not know.
    public static func summary(_ id: String) -> String { table.first { $0.id == id }?.summary ?? id }
}

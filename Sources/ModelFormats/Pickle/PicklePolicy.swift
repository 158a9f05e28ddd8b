import TrustmarkCore

/// Which pickle globals are expected in model files (allowlist) and which are known sinks (denylist).
///
/// The allowlist decides; the denylist only sets severity. A global outside the allowlist that is
/// called is HIGH even if no list knows it, because no denylist is ever complete.
public enum PicklePolicy {
    /// Callables that PyTorch, NumPy, collections and scikit-learn-style checkpoints use. Exact
    /// `module.name` entries, or a module prefix ending in `.` for class families.
    static let allowedExact: Set<String> = [
        "collections.OrderedDict", "collections.defaultdict", "collections.deque", "_codecs.encode", "builtins.set", "builtins.frozenset",
        "builtins.slice", "builtins.range", "builtins.complex", "builtins.bytearray", "builtins.bytes", "builtins.dict", "builtins.list",
        "builtins.tuple", "builtins.int", "builtins.float", "builtins.bool", "builtins.str", "builtins.object", "copyreg._reconstructor",
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_nested_tensor",
        "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_wrapper_subclass",
        "torch._utils._rebuild_qtensor", "torch._tensor._rebuild_from_type_v2", "torch.Size", "torch.device", "torch.dtype",
        "torch.serialization._get_layout", "torch._utils._rebuild_xla_tensor", "torch.storage._load_from_bytes",
        "torch.BFloat16Storage", "torch.BoolStorage", "torch.ByteStorage", "torch.CharStorage", "torch.ComplexDoubleStorage",
        "torch.ComplexFloatStorage", "torch.DoubleStorage", "torch.FloatStorage", "torch.HalfStorage", "torch.IntStorage", "torch.LongStorage",
        "torch.QInt32Storage", "torch.QInt8Storage", "torch.QUInt8Storage", "torch.ShortStorage", "torch.UntypedStorage",
        "torch.float32", "torch.float16", "torch.bfloat16", "torch.int64", "torch.int32", "torch.uint8", "torch.bool",
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
        "numpy.dtype", "numpy.ndarray", "numpy.matrixlib.defmatrix.matrix", "numpy.matrix", "numpy.ma.core.MaskedArray",
        "numpy.ma.core._mareconstruct",
        "numpy.core.memmap.memmap", "numpy._core.memmap.memmap", "numpy.memmap", "numpy.recarray", "numpy.core.records.recarray",
        "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer", "numpy.random._pickle.__randomstate_ctor",
        "numpy.random._pickle.__bit_generator_ctor", "numpy.random._pickle.__generator_ctor",
        "joblib.numpy_pickle.NumpyArrayWrapper", "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper", "joblib.numpy_pickle.NDArrayWrapper",
        "__builtin__.set", "datetime.datetime", "datetime.date", "datetime.timedelta", "decimal.Decimal", "fractions.Fraction",
        "argparse.Namespace", "pathlib.PosixPath", "pathlib.WindowsPath",
        // joblib before 0.10 wrapped zlib-compressed arrays; numpy 0.x-era object arrays name _internal's reconstructor.
        "joblib.numpy_pickle.ZNDArrayWrapper", "sklearn.externals.joblib.numpy_pickle.ZNDArrayWrapper", "numpy.core._internal._reconstruct",
        // TorchScript's list and tensor builders: torch.jit is denied as a whole (torch.jit.load), these are data constructors.
        "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.build_doublelist",
        "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensor_from_id", "torch.jit._pickle.restore_type_tag",
    ]
    /// Exact entries that win over a denied module (`torch.jit` is denied; its `_pickle` builders are not sinks).
    static let allowedDespiteDeny: Set<String> = [
        "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.build_doublelist",
        "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensor_from_id", "torch.jit._pickle.restore_type_tag",
    ]
    /// Class families that model pickles legitimately instantiate.
    static let allowedPrefixes = [
        "sklearn.", "xgboost.", "lightgbm.", "scipy.sparse.", "torch.nn.modules.", "torch.nn.parameter.",
        "transformers.training_args.", "transformers.trainer_utils.", "transformers.models.", "accelerate.utils.",
    ]

    /// Modules whose import is a known sink (prefix match on the module, after name mapping).
    static let deniedModules = [
        "os", "posix", "nt", "subprocess", "pty", "runpy", "code", "codeop", "marshal", "types", "ctypes", "importlib", "pkgutil", "pydoc",
        "inspect", "operator", "functools", "pickle", "_pickle", "dill", "cloudpickle", "joblib.load", "socket", "ssl", "http", "urllib",
        "requests", "aiohttp", "asyncio", "multiprocessing", "shutil", "tempfile", "logging.handlers", "logging.config", "logging.FileHandler",
        "cProfile", "profile",
        "pdb", "bdb", "trace", "timeit", "webbrowser", "pip", "venv", "ensurepip", "uuid", "_osx_support", "_aix_support", "idlelib", "lib2to3",
        "distutils", "numpy.f2py", "numpy.testing", "sys", "site", "sysconfig", "signal", "shelve", "zipimport", "imaplib", "smtplib", "ftplib",
        "telnetlib", "nntplib", "poplib", "xmlrpc", "antigravity", "this", "mlflow", "_io", "io.FileIO", "builtins.open", "torch.utils.collect_env",
        "torch._inductor", "torch.fx.experimental", "torch._dynamo", "torch.utils._config_module", "torch.hub", "torch.jit",
        "torch.utils.cpp_extension",
        "torch.distributed", "torch.testing", "torch.serialization.load", "torch.load", "numpy.load", "pandas.read_", "pandas.io", "scipy.io",
        "tensorflow.io", "keras.utils.get_file", "gc", "weakref", "threading", "_thread", "concurrent", "selectors", "select", "glob", "fnmatch",
        "zipfile", "tarfile", "builtins.getattr", "builtins.setattr", "builtins.delattr", "builtins.eval", "builtins.exec", "builtins.compile",
        "builtins.__import__", "builtins.breakpoint", "builtins.input", "builtins.globals", "builtins.locals", "builtins.vars", "builtins.memoryview",
        "_posixsubprocess", "_winapi", "msvcrt", "winreg", "resource", "fcntl", "mmap", "readline", "rlcompleter", "cmd", "code.interact",
        "picklescan", "modelscan", "fickling", "hayward", "modelaudit",
    ]
    /// Scanner modules: importing one in a pickle is tampering (PKL-TAMPER).
    static let scannerModules = ["picklescan", "modelscan", "fickling", "hayward", "modelaudit"]

    /// CPython's `_compat_pickle` mapping of Python 2 module names, applied to every protocol: a
    /// pickle may claim any protocol, and mapping more names only adds detection.
    static let moduleMapping: [String: String] = [
        "__builtin__": "builtins", "copy_reg": "copyreg", "Queue": "queue", "SocketServer": "socketserver", "ConfigParser": "configparser",
        "repr": "reprlib", "cPickle": "pickle", "cStringIO": "io", "StringIO": "io", "UserDict": "collections", "UserList": "collections",
        "UserString": "collections", "commands": "subprocess", "urllib2": "urllib.request", "urlparse": "urllib.parse", "httplib": "http.client",
        "thread": "_thread", "dummy_thread": "_dummy_thread", "SimpleHTTPServer": "http.server", "BaseHTTPServer": "http.server",
        "CGIHTTPServer": "http.server", "cookielib": "http.cookiejar", "Cookie": "http.cookies", "htmlentitydefs": "html.entities",
        "HTMLParser": "html.parser", "xmlrpclib": "xmlrpc.client", "SimpleXMLRPCServer": "xmlrpc.server", "exceptions": "builtins",
        "sets": "builtins", "whichdb": "dbm", "anydbm": "dbm", "dbhash": "dbm.bsd", "dumbdbm": "dbm.dumb", "gdbm": "dbm.gnu",
        "robotparser": "urllib.robotparser",
        "_winreg": "winreg", "ttk": "tkinter.ttk", "Tkinter": "tkinter", "_abcoll": "collections.abc", "markupbase": "_markupbase",
    ]

    public enum Verdict: Equatable {
        case allowed
        case denied
        case unknown
    }

    static func mapModule(_ module: String) -> String { moduleMapping[module] ?? module }

    /// CPython's `_compat_pickle.NAME_MAPPING` for names that moved (checked before the module mapping, as
    /// `Unpickler.find_class` does): `__builtin__.reduce` is `functools.reduce`, `xrange` is `range`.
    static let nameMapping: [String: (String, String)] = [
        "__builtin__.xrange": ("builtins", "range"), "__builtin__.reduce": ("functools", "reduce"), "__builtin__.intern": ("sys", "intern"),
        "__builtin__.unichr": ("builtins", "chr"), "__builtin__.unicode": ("builtins", "str"), "__builtin__.long": ("builtins", "int"),
        "itertools.izip": ("builtins", "zip"), "itertools.imap": ("builtins", "map"), "itertools.ifilter": ("builtins", "filter"),
        "itertools.ifilterfalse": ("itertools", "filterfalse"), "itertools.izip_longest": ("itertools", "zip_longest"),
        "UserDict.IterableUserDict": ("collections", "UserDict"), "UserList.UserList": ("collections", "UserList"),
        "UserString.UserString": ("collections", "UserString"), "whichdb.whichdb": ("dbm", "whichdb"), "_socket.fromfd": ("socket", "fromfd"),
        "_multiprocessing.Connection": ("multiprocessing.connection", "Connection"),
        "multiprocessing.process.Process": ("multiprocessing.context", "Process"),
        "multiprocessing.forking.Popen": ("multiprocessing.popen_fork", "Popen"), "urllib.urlopen": ("urllib.request", "urlopen"),
        "urllib.urlretrieve": ("urllib.request", "urlretrieve"), "urllib.quote": ("urllib.parse", "quote"),
        "urllib.unquote": ("urllib.parse", "unquote"), "urllib.urlencode": ("urllib.parse", "urlencode"),
        "urllib2.HTTPError": ("urllib.error", "HTTPError"), "urllib2.URLError": ("urllib.error", "URLError"),
    ]

    static func mapName(module: String, name: String) -> (module: String, name: String) {
        if let moved = nameMapping[module + "." + name] { return moved }
        return (mapModule(module), name)
    }

    public static func judge(module: String, name: String) -> Verdict {
        let full = module + "." + name
        if allowedDespiteDeny.contains(full) { return .allowed }
        let prefixes = dottedPrefixes(of: full)
        if prefixes.contains(where: deniedSet.contains) || deniedStems.contains(where: { full.hasPrefix($0) }) { return .denied }
        if allowedExact.contains(full) { return .allowed }
        if prefixes.dropLast().contains(where: allowedFamilies.contains) { return .allowed }
        return .unknown
    }

    /// `a.b.c` -> `a`, `a.b`, `a.b.c`: every module or attribute path the import walks through.
    static func dottedPrefixes(of name: String) -> [Substring] {
        var result: [Substring] = []
        var index = name.startIndex
        while let dot = name[index...].firstIndex(of: ".") {
            result.append(name[..<dot])
            index = name.index(after: dot)
        }
        result.append(name[...])
        return result
    }

    // Set lookups instead of prefix scans: judging runs once per import and call, and pickles with
    // many globals made the linear scan the hottest part of a folder scan.
    private static let deniedSet = Set(deniedModules.filter { !$0.hasSuffix("_") }.map { Substring($0) })
    /// Entries such as `pandas.read_` name a family of functions by their common stem.
    private static let deniedStems = deniedModules.filter { $0.hasSuffix("_") }
    private static let allowedFamilies = Set(allowedPrefixes.map { Substring($0.dropLast()) })

    static func isScanner(_ module: String) -> Bool { scannerModules.contains { module == $0 || module.hasPrefix($0 + ".") } }
}

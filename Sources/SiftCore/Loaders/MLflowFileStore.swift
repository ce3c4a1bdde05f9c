import Foundation

/// Reads MLflow's file store: `<root>/<experiment_id>/meta.yaml` and
/// `<root>/<experiment_id>/<run_id>/{meta.yaml, params/, metrics/, tags/}`.
///
/// Keys holding `/` are nested folders (`params/model/width` is the param `model/width`). A metric file
/// holds lines `timestamp value step` (older MLflow: `timestamp value`; MLflow 3, for a metric logged with
/// a dataset: `timestamp value step dataset_name dataset_digest`); the latest value is the one with the highest step, then
/// timestamp, then value (MLflow's own rule); every line also counts towards the run's ``MetricHistory``.
/// `.trash` (deleted experiments) and `models` are skipped.
struct MLflowFileStore {
    /// What the user gave.
    let path: String
    private let fm = FileManager.default

    init(path: String) {
        self.path = path
    }

    /// The active experiments, by id (numerically where ids are numbers).
    func experiments() throws(LoadError) -> [MLflowExperiment] {
        if isDirectory(path + "/mlruns") { return try experiments(root: path + "/mlruns") }
        // A single experiment's folder: its meta.yaml names an experiment, not a run.
        if let meta = try? MLflowYAML.mapping(file: path + "/meta.yaml"), meta["experiment_id"] != nil,
           meta["run_id"] == nil, meta["run_uuid"] == nil {
            return try experiment(at: path).map { [$0] } ?? []
        }
        return try experiments(root: path)
    }

    private func experiments(root: String) throws(LoadError) -> [MLflowExperiment] {
        let entries = (try? fm.contentsOfDirectory(atPath: root)) ?? []
        var found: [MLflowExperiment] = []
        for name in entries where !name.hasPrefix(".") && name != "models" && isDirectory(root + "/" + name) {
            if let e = try experiment(at: root + "/" + name) { found.append(e) }
        }
        guard !found.isEmpty else {
            throw LoadError(path: path, message: "the MLflow store holds no experiments",
                            hint: "expected folders <experiment_id>/meta.yaml under \(root)")
        }
        return found.sorted { a, b in
            switch (Int(a.id), Int(b.id)) {
            case let (x?, y?): return x < y
            default: return a.id < b.id
            }
        }
    }

    /// The experiment in `folder`, nil when it has no meta.yaml or is deleted.
    private func experiment(at folder: String) throws(LoadError) -> MLflowExperiment? {
        let metaPath = folder + "/meta.yaml"
        guard fm.fileExists(atPath: metaPath) else { return nil }
        let meta = try MLflowYAML.mapping(file: metaPath)
        if meta["lifecycle_stage"]?.text == "deleted" { return nil }
        let id = meta["experiment_id"]?.text ?? (folder as NSString).lastPathComponent
        return MLflowExperiment(id: id, name: meta["name"]?.text ?? id, folder: folder)
    }

    /// The active runs of `experiment`, their folders read on all cores (`watch` counts them).
    func runs(of experiment: MLflowExperiment, watch: LoadWatch = LoadWatch()) throws(LoadError) -> [MLflowRun] {
        let entries = ((try? fm.contentsOfDirectory(atPath: experiment.folder)) ?? []).sorted()
        let folders = entries.filter { !$0.hasPrefix(".") }.map { experiment.folder + "/" + $0 }
        let store = self
        let runs = try watch.map(folders.count, path: experiment.folder) { (i) throws(LoadError) -> MLflowRun? in
            let folder = folders[i]
            guard store.isDirectory(folder), FileManager.default.fileExists(atPath: folder + "/meta.yaml") else { return nil }
            return try store.run(at: folder, experiment: experiment)
        }
        return runs.compactMap { $0 }
    }

    private func run(at folder: String, experiment: MLflowExperiment) throws(LoadError) -> MLflowRun? {
        let metaPath = folder + "/meta.yaml"
        let meta = try MLflowYAML.mapping(file: metaPath)
        if meta["lifecycle_stage"]?.text == "deleted" { return nil }
        let id = meta["run_id"]?.text ?? meta["run_uuid"]?.text ?? (folder as NSString).lastPathComponent
        let status: String?
        switch meta["status"] {
        case .int(let code)?: status = MLflowRun.statusName(code: code)
        case .string(let s)?: status = s
        default: status = nil
        }
        var run = MLflowRun(runID: id, name: meta["run_name"]?.text.flatMap { $0.isEmpty ? nil : $0 },
                            experimentID: experiment.id, experimentName: experiment.name, status: status,
                            startTime: meta["start_time"]?.int64, endTime: meta["end_time"]?.int64,
                            user: meta["user_id"]?.text)
        run.params = try textFiles(under: folder + "/params")
        run.tags = try textFiles(under: folder + "/tags")
        for (key, text) in try textFiles(under: folder + "/metrics") {
            let (value, steps) = try latest(text, file: folder + "/metrics/" + key)
            run.metrics.append((key, value))
            run.history.add(key, steps: steps.steps, min: steps.min, max: steps.max)
        }
        return run
    }

    /// Every file below `dir` (recursively) as (key relative to `dir`, contents), sorted by key.
    private func textFiles(under dir: String) throws(LoadError) -> [(String, String)] {
        guard isDirectory(dir) else { return [] }
        var out: [(String, String)] = []
        try collect(dir: dir, prefix: "", into: &out)
        return out.sorted { $0.0 < $1.0 }
    }

    private func collect(dir: String, prefix: String, into out: inout [(String, String)]) throws(LoadError) {
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: dir)
        } catch {
            throw LoadError(path: dir, message: "cannot list the folder")
        }
        for name in entries.sorted() {
            let full = dir + "/" + name
            let key = prefix.isEmpty ? name : prefix + "/" + name
            if isDirectory(full) {
                let before = out.count
                try collect(dir: full, prefix: key, into: &out)
                if out.count == before {
                    throw LoadError(path: full, message: "\"\(key)\" is a folder holding no value",
                                    hint: "MLflow keeps each param, metric and tag in a file named after its key")
                }
                continue
            }
            guard let data = fm.contents(atPath: full) else {
                throw LoadError(path: full, message: "cannot read the file")
            }
            guard let text = String(validatingUTF8Data: data) else {
                throw LoadError(path: full, message: "the value is not valid UTF-8")
            }
            out.append((key, text))
        }
    }

    /// The latest value of a metric file's `timestamp value [step [dataset_name dataset_digest]]` lines, and
    /// the extremes of all of them.
    private func latest(_ text: String, file: String) throws(LoadError) -> (Double, StepExtremes) {
        var best: (step: Int64, time: Int64, value: Double)?
        var extremes = StepExtremes()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.isEmpty { continue }
            // MLflow 3 appends the dataset's name and digest to a metric logged with `dataset=`:
            // `timestamp value step dataset_name dataset_digest`. Those are not kept.
            guard fields.count == 2 || fields.count == 3 || fields.count >= 5, let time = Int64(fields[0]),
                  let value = NumberParsing.parse(fields[1]),
                  let step = fields.count >= 3 ? Int64(fields[2]) : 0 else {
                throw LoadError(path: file, line: lineNumber, message: "expected \"timestamp value step\", found \"\(line)\"")
            }
            extremes.add(value)
            let candidate = (step: step, time: time, value: value)
            if let b = best {
                // MLflow's order: step, then timestamp, then value; NaN sorts below every number.
                let ahead = (step, time) != (b.step, b.time) ? (step, time) > (b.step, b.time)
                    : (b.value.isNaN ? !value.isNaN : value > b.value)
                if ahead { best = candidate }
            } else {
                best = candidate
            }
        }
        guard let best else { throw LoadError(path: file, message: "the metric file holds no values") }
        return (best.value, extremes)
    }

    private func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }
}

private extension String {
    /// The text of UTF-8 `data`, nil when it is not valid UTF-8.
    init?(validatingUTF8Data data: Data) {
        guard let s = String(data: data, encoding: .utf8) else { return nil }
        self = s
    }
}

import Foundation
import SiftCore

/// `help` and `help TOPIC`: every statement with its syntax, meaning and examples.
enum Help {
    /// One statement's help.
    struct Entry {
        var keyword: String
        var syntax: String
        var summary: String
        var details: String
        var examples: [String]
    }

    /// The statements, in the order `help` lists them (a test checks each keyword has an entry).
    static let entries: [Entry] = [
        Entry(keyword: "load", syntax: "load \"PATH\" [as NAME] [metrics A, B…] [params C…] [study NAME]",
              summary: "read runs (CSV, JSON, JSONL, W&B, MLflow, Optuna, Ray Tune) and append them",
              details: "The format is chosen by content and extension. `metrics` and `params` override the roles sift guesses; `study` picks one study or experiment of a store that holds several. A relative path is looked up beside the script first.",
              examples: ["load \"sweep.csv\"", "load \"mlruns\" as baseline metrics val_loss, val_acc"]),
        Entry(keyword: "filter", syntax: "filter CONDITION",
              summary: "narrow the view to runs where the condition holds; filters compose",
              details: "Comparing a missing value is false. See `help expressions`.",
              examples: ["filter state == \"finished\" and learning_rate < 1e-2",
                         "filter optimizer in [\"adam\", \"sgd\"]", "filter name ~ \"^sweep-3\"", "filter momentum is missing"]),
        Entry(keyword: "reset", syntax: "reset", summary: "back to all loaded runs (no filter, collapse, hiding or groups)",
              details: "", examples: ["reset"]),
        Entry(keyword: "undo", syntax: "undo", summary: "undo the last view change",
              details: "Undoes filter, hide, show, group by, ungroup, collapse and reset, one at a time.",
              examples: ["undo"]),
        Entry(keyword: "hide", syntax: "hide NAME|GLOB, …", summary: "leave params out of analyses and panels",
              details: "`*` matches any run of characters: `_*` hides internal keys, `model.*` a nested config. A glob that matches no param is skipped with a note when another name of the list matches.",
              examples: ["hide seed, _*", "hide model.*"]),
        Entry(keyword: "show", syntax: "show NAME|GLOB, …  |  show all", summary: "bring hidden params back",
              details: "", examples: ["show model.width", "show all"]),
        Entry(keyword: "group", syntax: "group by NAME, …", summary: "later analyses run per group, then overall",
              details: "One panel per distinct value (or combination of values), followed by the overall panel.",
              examples: ["group by optimizer"]),
        Entry(keyword: "ungroup", syntax: "ungroup", summary: "stop grouping", details: "", examples: ["ungroup"]),
        Entry(keyword: "collapse", syntax: "collapse NAME, … [with mean|median|min|max]",
              summary: "merge runs that differ only in these params (typically seed)",
              details: "Metrics are aggregated (mean by default); a `count` column and a `METRIC.std` column (sample standard deviation) are added. The named params are dropped. `undo` or `reset` brings the runs back.",
              examples: ["collapse seed", "collapse seed with median"]),
        Entry(keyword: "importance", syntax: "importance METRIC [using forest|permutation|fanova|pedanova] [trees N] [seed N] [top N] [best|last]",
              summary: "the panel: importance and correlation of every visible param",
              details: "Needs at least 5 runs with a finite metric. `trees` takes 1 to 10000 (default: set trees). `best` uses a run's best logged value where the source kept one (a METRIC.best, METRIC.min or METRIC.max column), `last` its final value. Inside `group by`, one panel per group and one overall.",
              examples: ["importance val_loss", "importance val_acc using permutation trees 300 seed 7 top 5"]),
        Entry(keyword: "suggest", syntax: "suggest METRIC [using METHOD] [trees N] [seed N] [top N] [best|last]",
              summary: "where the best runs lie for the top params: a narrowed search space",
              details: "Params ranked by PED-ANOVA importance for the top 10% of runs. Inside `group by`, one table per group and one overall.",
              examples: ["suggest val_loss", "suggest val_acc top 3"]),
        Entry(keyword: "correlation", syntax: "correlation METRIC [pearson|spearman]",
              summary: "correlations of every visible param with the metric",
              details: "A categorical param gets one row per value (0/1 against the metric).",
              examples: ["correlation val_loss", "correlation val_acc spearman"]),
        Entry(keyword: "params", syntax: "params", summary: "list params: role, type, distinct values, range, missing share",
              details: "", examples: ["params"]),
        Entry(keyword: "metrics", syntax: "metrics", summary: "list metrics, as params does", details: "", examples: ["metrics"]),
        Entry(keyword: "fields", syntax: "fields", summary: "list every field: params, metrics and meta", details: "",
              examples: ["fields"]),
        Entry(keyword: "runs", syntax: "runs [N] [sort FIELD [asc|desc]] [columns NAME, …]",
              summary: "show runs of the current view", details: "Missing values sort last either way.",
              examples: ["runs 10 sort val_loss", "runs 5 sort val_acc desc columns name, optimizer, val_acc"]),
        Entry(keyword: "describe", syntax: "describe NAME", summary: "one field: distribution, top values, missing",
              details: "", examples: ["describe learning_rate", "describe optimizer"]),
        Entry(keyword: "set", syntax: "set OPTION = VALUE", summary: "change a session option",
              details: Interpreter.optionDescriptions.map { "  \($0.name): \($0.accepts)" }.joined(separator: "\n"),
              examples: ["set trees = 300", "set seed = 7", "set format = json", "set maxrows = 20"]),
        Entry(keyword: "export", syntax: "export \"PATH\"", summary: "write the last result (.json .csv .md .txt .html .svg)",
              details: "The format follows the extension; the file is replaced only when writing succeeded, through a symbolic link, keeping its permissions. A read-only file is refused.",
              examples: ["export \"panel.json\""]),
        Entry(keyword: "source", syntax: "source \"PATH\"", summary: "run another script (relative to this one)",
              details: "", examples: ["source \"common.sift\""]),
        Entry(keyword: "help", syntax: "help [TOPIC]", summary: "this help; topics: statements, expressions, names",
              details: "", examples: ["help", "help filter", "help expressions"]),
        Entry(keyword: "quit", syntax: "quit", summary: "leave sift", details: "", examples: ["quit"]),
    ]

    /// Extra topics beyond the statements.
    static let topics: [String: String] = [
        "expressions": """
            expressions (in filter)
              literals      1e-3  -2.5  "text" 'text'  true  false  missing
              compare       ==  !=  <  <=  >  >=        (a missing value compares false)
              regex         name ~ "^sweep-3"   name !~ "debug"
              membership    optimizer in ["adam", "sgd"]   optimizer not in ["sgd"]
              missing       momentum is missing   momentum is not missing
              logic         not  and  or   (tightest to loosest), parentheses group
              arithmetic    +  -  *  /    functions: log10 log exp abs sqrt lower upper
            precedence, loosest first: or; and; not; comparisons, ~, in, is; + -; * /; unary -
            """,
        "names": """
            names
              A name may contain dots (model.layers). Odd names go in backticks: `lr/warmup`, `in`.
              A name is looked up as an exact field name first, then with a role prefix
              (params.lr, metrics.val_loss, meta.state), then as a unique dotted suffix (layers → model.layers).
            """,
    ]

    /// The help text for `topic` (all statements when nil).
    static func text(topic: Name?) throws(RuntimeError) -> String {
        guard let topic else { return overview }
        let key = topic.text.lowercased()
        if key == "statements" { return overview }
        if let t = topics[key] { return t }
        let lookup = key == "by" ? "group" : (key == "exit" ? "quit" : key)
        guard let e = entries.first(where: { $0.keyword == lookup }) else {
            let all = entries.map(\.keyword) + topics.keys.sorted()
            throw RuntimeMessages.unknownName(topic, candidates: all, role: "help topic")
        }
        var s = "\(e.syntax)\n  \(e.summary)\n"
        if !e.details.isEmpty {
            let body = e.details.contains("\n") ? e.details : wrap(e.details, width: 76, indent: "  ")
            s += "\n\(body)\n"
        }
        s += "\nexamples:\n" + e.examples.map { "  \($0)\n" }.joined()
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    /// Every statement with one example.
    static var overview: String {
        let width = entries.map(\.keyword.count).max() ?? 10
        var s = "statements (help NAME for more; help expressions, help names):\n"
        for e in entries {
            s += "  " + e.keyword.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            s += e.summary + "\n"
            s += "  " + String(repeating: " ", count: width + 2) + e.examples[0] + "\n"
        }
        return String(s.dropLast())
    }

    private static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

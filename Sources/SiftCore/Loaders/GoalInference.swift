/// Whether a metric should go down or up, guessed from its name when the source does not record it.
public enum GoalInference {
    /// Words of metrics that are better lower.
    static let minimizeWords: Set<String> = [
        "loss", "error", "err", "mse", "mae", "rmse", "mape", "nll", "perplexity", "ppl", "wer", "cer", "regret",
        "cost", "latency", "bpc", "bpd", "fid", "logloss", "kl", "time", "seconds", "runtime", "memory",
    ]
    /// Words of metrics that are better higher.
    static let maximizeWords: Set<String> = [
        "acc", "accuracy", "auc", "roc", "f1", "score", "reward", "rewards", "return", "precision", "recall", "r2",
        "iou", "miou", "map", "bleu", "rouge", "ndcg", "mrr", "dice", "elbo", "fitness", "top1", "top5",
        "psnr", "ssim", "mcc", "throughput",
    ]

    /// `minimize` for loss- and error-like names, `maximize` for accuracy-, score- and reward-like
    /// names, nil when the name does not say (`value`). The last telling word wins (`loss_auc` → maximize).
    public static func goal(forMetric name: String) -> Goal? {
        for word in RoleConventions.words(name).reversed() {
            for candidate in [word, RoleConventions.trimDigits(word)] {
                if minimizeWords.contains(candidate) { return .minimize }
                if maximizeWords.contains(candidate) { return .maximize }
            }
        }
        return nil
    }
}

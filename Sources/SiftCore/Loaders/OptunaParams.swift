/// Turns Optuna's stored parameter values back into the values the objective saw.
///
/// `trial_params.param_value` is a float "internal representation": for a `CategoricalDistribution` it is
/// the index into the distribution's `choices`; for float and int distributions (and the older
/// `UniformDistribution`, `LogUniformDistribution`, `IntUniformDistribution`…) it is the value itself.
enum OptunaParams {
    /// The external value of one stored parameter, or a message saying why it cannot be decoded.
    static func decode(internal x: Double, distributionJSON: String) -> Result<Value, DecodeFailure> {
        guard let distribution = try? JSONReader.parse(distributionJSON), case .string(let kind)? = distribution["name"] else {
            return .failure(DecodeFailure(message: "distribution_json is not an Optuna distribution"))
        }
        guard kind == "CategoricalDistribution" else { return .success(.number(x)) }
        guard case .array(let choices)? = distribution["attributes"]?["choices"] else {
            return .failure(DecodeFailure(message: "categorical distribution without \"choices\""))
        }
        guard x.isFinite, x == x.rounded(), x >= 0, Int(x) < choices.count else {
            return .failure(DecodeFailure(
                message: "categorical index \(NumberFormatting.plain(x)) is outside its \(choices.count) choices"))
        }
        return .success(choices[Int(x)].scalarValue)
    }

    /// Why a stored parameter could not be decoded.
    struct DecodeFailure: Error {
        var message: String
    }
}

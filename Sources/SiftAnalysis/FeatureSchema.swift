/// What the forest's input columns are: one entry per feature of a `FeatureMatrix`.
public struct FeatureSchema: Sendable, Equatable {
    /// One input column of the forest.
    public struct Feature: Sendable, Equatable {
        /// How a feature's values are read.
        public enum Kind: Sendable, Equatable {
            /// A number (booleans are 0/1, one-hot columns 0/1); `min`/`max` over present training
            /// values (both NaN when the feature is all missing).
            case numeric(min: Double, max: Double)
            /// A category code `0 ..< levels` stored as a Double; split natively by left-sets.
            case categorical(levels: Int)
        }

        /// Display name: the param's name, `param=value` for a one-hot column, `noise#k` for noise.
        public var name: String
        /// Numeric or categorical.
        public var kind: Kind
        /// Index of the param (in the request's param order) the feature belongs to; -1 for a noise column.
        public var param: Int

        /// Makes a feature description.
        public init(name: String, kind: Kind, param: Int) {
            self.name = name
            self.kind = kind
            self.param = param
        }

        /// True for a natively split categorical feature.
        public var isCategorical: Bool {
            if case .categorical = kind { return true }
            return false
        }
    }

    /// The features, in column order.
    public var features: [Feature]
    /// The params the features came from, in request order.
    public var params: [String]

    /// Makes a schema.
    public init(features: [Feature], params: [String]) {
        self.features = features
        self.params = params
    }

    /// The number of features.
    public var count: Int { features.count }
}

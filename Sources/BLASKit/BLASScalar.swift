public import RealModule

/// A floating-point type that OpenBLAS and LAPACKE have routines for: `Float` (the `s`
/// routines) and `Double` (the `d` routines). These two are the only conforming types; a
/// conformance added elsewhere stops at its first BLAS or LAPACK call with a message.
///
/// The protocol refines `Real` from swift-numerics (so generic code can call `exp`, `log`, …),
/// which is why `RealModule` is a public dependency of BLASKit. The C routines behind it are
/// not part of the API: since 0.1.0 they are `package` members, invisible to other packages.
///
/// ```swift
/// func residual<S: BLASScalar>(_ a: Matrix<S>, _ x: Matrix<S>, _ b: Matrix<S>) -> S {
///     (a.matmul(x) - b).frobeniusNorm
/// }
/// ```
public protocol BLASScalar: BinaryFloatingPoint & Real & Sendable & CustomStringConvertible
where RawSignificand: FixedWidthInteger {}

extension Float: BLASScalar {}
extension Double: BLASScalar {}

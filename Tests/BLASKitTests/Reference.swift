import BLASKit

/// Naive, obviously-correct reference implementations the BLAS results are compared with.
enum Reference {
    static func product<S: BLASScalar>(_ a: Matrix<S>, _ transA: Bool, _ b: Matrix<S>, _ transB: Bool) -> Matrix<S> {
        let opA = transA ? naiveTranspose(a) : a
        let opB = transB ? naiveTranspose(b) : b
        var c = Matrix<S>(rows: opA.rows, columns: opB.columns)
        for i in 0..<opA.rows {
            for j in 0..<opB.columns {
                var s: S = 0
                for k in 0..<opA.columns { s += opA[i, k] * opB[k, j] }
                c[i, j] = s
            }
        }
        return c
    }

    static func naiveTranspose<S: BLASScalar>(_ a: Matrix<S>) -> Matrix<S> {
        Matrix(rows: a.columns, columns: a.rows) { r, c in a[c, r] }
    }
}

/// The shapes every BLAS test runs on: square, tall, wide, single row, single column, empty.
let testShapes: [(m: Int, k: Int, n: Int)] = [
    (7, 7, 7), (33, 5, 9), (4, 17, 30), (1, 12, 8), (12, 8, 1), (1, 1, 1), (0, 5, 3), (6, 0, 4), (5, 3, 0),
]

import Foundation

import BLASKit

// A product through gemm and a linear solve through LAPACK, from another package.
let a = Matrix<Double>([[4, 1], [1, 3]])
let b = Matrix<Double>(column: [1, 2])

let product = a.matmul(a, transposeOther: true)
print("A·Aᵀ =", product)

let x = try LAPACK.solvePositiveDefinite(a, b)
let residual = (a.matmul(x) - b).frobeniusNorm
print("solution of A·x = b:", x.elements, "residual:", residual)

guard residual < 1e-12, product == Matrix([[17, 7], [7, 10]]) else {
    print("BLASConsumer: unexpected result")
    exit(1)
}
try readmeExample()
print("BLASConsumer: OK (\(OpenBLAS.configuration))")

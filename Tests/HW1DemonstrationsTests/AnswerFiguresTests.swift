import Foundation
import HW1Plotting
import Testing

@testable import HW1Demonstrations

/// The figures the written answers embed (`Docs/answers/figures`) are what the demos draw with
/// the command line's default seed 1: `swift run hw1 demo all --out Docs/answers/figures`.
@Suite struct AnswerFiguresTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/answers/figures")

    static func drawn() throws -> [DemonstrationFigure] {
        try DemonstrationCatalog.all.flatMap { try $0.run(1).figures }
    }

    @Test func everyCommittedFigureIsWhatItsDemoDraws() throws {
        let figures = try Self.drawn()
        for figure in figures {
            let committed = try? String(contentsOf: Self.directory.appendingPathComponent(figure.fileName), encoding: .utf8)
            #expect(committed == figure.svg,
                "Docs/answers/figures/\(figure.fileName) is stale or missing; run `swift run hw1 demo all --out Docs/answers/figures`")
        }
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".svg") }
        #expect(Set(committed) == Set(figures.map(\.fileName)), "figures no demo draws: \(Set(committed).subtracting(figures.map(\.fileName)).sorted())")
    }

    @Test func theThreeAnswerDiagramsHaveAPersianTwinWithPersianWords() throws {
        let figures = Dictionary(uniqueKeysWithValues: try Self.drawn().map { ($0.fileName, $0.svg) })
        for name in ["l1-l2-constraint-geometry", "zero-init-unit-weights", "softmax-cross-entropy-graph"] {
            let english = try #require(figures[name + ".svg"], "\(name)")
            let persian = try #require(figures[name + "-fa.svg"], "\(name)")
            #expect(!english.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(name).svg" as Comment)
            #expect(persian.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(name)-fa.svg" as Comment)
            #expect(persian.contains("direction=\"rtl\"") && persian.contains("Noto Sans Arabic"), "\(name)-fa.svg" as Comment)
        }
    }
}

/// The L1 and L2 minima the geometry figure of 3(a) marks.
@Suite struct L1L2GeometryTests {
    let problem = L1L2Geometry.Problem()

    @Test func theL1MinimumIsACornerOnAnAxis() {
        let w = problem.l1Minimum
        #expect(w.1 == 0 && abs(w.0 - problem.radius) < 1e-12)
        // No point of the diamond's boundary does better (dense check of all four edges).
        let boundary = (0..<4000).map { index -> (Double, Double) in
            let theta = 2 * Double.pi * Double(index) / 4000
            let (c, s) = (cos(theta), sin(theta))
            return (problem.radius * c / (abs(c) + abs(s)), problem.radius * s / (abs(c) + abs(s)))
        }
        #expect(boundary.allSatisfy { problem.loss($0) >= problem.loss(w) - 1e-12 })
    }

    @Test func theL2MinimumIsOnTheCircleWithBothCoordinatesNonZero() {
        let w = problem.l2Minimum
        #expect(abs(hypot(w.0, w.1) - problem.radius) < 1e-9)
        #expect(abs(w.0) > 0.1 && abs(w.1) > 0.1)
        let circle = (0..<4000).map { index -> (Double, Double) in
            let theta = 2 * Double.pi * Double(index) / 4000
            return (problem.radius * cos(theta), problem.radius * sin(theta))
        }
        #expect(circle.allSatisfy { problem.loss($0) >= problem.loss(w) - 1e-12 })
    }

    @Test func theLevelSetPassesThroughTheMinimumItIsDrawnFor() {
        let level = problem.loss(problem.l2Minimum)
        for point in problem.ellipse(level: level, points: 36) {
            #expect(abs(problem.loss(point) - level) < 1e-9 * max(1, level))
        }
    }
}

/// The zero-initialisation figure of 4(a): identical rows for the zero start, not for the control.
@Suite struct ZeroInitializationFigureTests {
    @Test func zeroStartedRowsAreIdenticalAndControlRowsAreNot() {
        let result = ZeroInitializationDemonstration.run(seed: 1)
        #expect(result.snapshots.count == result.configuration.figureSteps + 1)
        for (zero, control) in zip(result.snapshots, result.controlSnapshots) {
            let w = zero.weights[0], c = control.weights[0]
            for unit in 1..<w.rows {
                #expect((0..<w.columns).allSatisfy { w[unit, $0] == w[0, $0] })
            }
            #expect((1..<c.rows).contains { unit in (0..<c.columns).contains { c[unit, $0] != c[0, $0] } })
        }
        // W1 of the zero start moves at all within the figure's steps.
        #expect(result.snapshots.last!.weights[0].elements.contains { $0 != 0 })
        #expect(ZeroInitializationDemonstration.scientific(0.000128, .english) == "1×10⁻⁴")
        #expect(ZeroInitializationDemonstration.scientific(0.27, .persian) == "۳×۱۰⁻¹")
    }
}

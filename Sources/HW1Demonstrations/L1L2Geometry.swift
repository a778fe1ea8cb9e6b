import Foundation
import HW1Plotting

/// Problem 3(a), the geometry: minimise a quadratic loss L(w) = (w − ŵ)ᵀH(w − ŵ) in two
/// dimensions inside the L1 ball ‖w‖₁ ≤ t (a diamond) and inside the L2 ball ‖w‖₂ ≤ t (a disc).
///
/// The constrained minimum is where the smallest level set of L (an ellipse) first touches the
/// ball. The diamond's corners lie on the axes, so for most ŵ and H the ellipse touches a
/// corner and one coordinate is exactly 0; the disc has no corners and the touching point has
/// both coordinates non-zero. Both minima are computed exactly, not read off the picture.
public enum L1L2Geometry {
    /// The loss and the ball radius of the figure.
    public struct Problem: Sendable {
        /// The unpenalised minimum ŵ.
        public var centre = (1.5, 0.9)
        /// The loss's Hessian H (symmetric positive definite) as (h₁₁, h₁₂, h₂₂).
        public var hessian = (1.0, 0.4, 0.6)
        /// The radius t of both balls.
        public var radius = 1.0

        /// The figure's problem: ŵ = (1.5, 0.9), H = [[1, 0.4], [0.4, 0.6]], t = 1.
        public init() {}

        /// L(w) = (w − ŵ)ᵀH(w − ŵ).
        public func loss(_ w: (Double, Double)) -> Double {
            let a = w.0 - centre.0, b = w.1 - centre.1
            return hessian.0 * a * a + 2 * hessian.1 * a * b + hessian.2 * b * b
        }

        /// The minimum of L on the diamond ‖w‖₁ ≤ t: on each of its four edges L is a quadratic
        /// in one parameter, minimised exactly and clamped to the edge (ŵ is outside the ball).
        public var l1Minimum: (Double, Double) {
            let t = radius
            let corners = [(t, 0.0), (0.0, t), (-t, 0.0), (0.0, -t)]
            var best = corners[0]
            for index in 0..<4 {
                let p = corners[index], q = corners[(index + 1) % 4]
                let candidate = segmentMinimum(p, q)
                if loss(candidate) < loss(best) { best = candidate }
            }
            return best
        }

        /// The minimum of L on the disc ‖w‖₂ ≤ t: w(λ) = (H + λI)⁻¹Hŵ with λ ≥ 0 found by
        /// bisection so that ‖w(λ)‖ = t (ŵ is outside the disc).
        public var l2Minimum: (Double, Double) {
            func w(_ lambda: Double) -> (Double, Double) {
                let (a, b, c) = (hessian.0 + lambda, hessian.1, hessian.2 + lambda)
                let r0 = hessian.0 * centre.0 + hessian.1 * centre.1
                let r1 = hessian.1 * centre.0 + hessian.2 * centre.1
                let det = a * c - b * b
                return ((c * r0 - b * r1) / det, (a * r1 - b * r0) / det)
            }
            var low = 0.0, high = 1.0
            while hypot(w(high).0, w(high).1) > radius { high *= 2 }
            for _ in 0..<200 {
                let mid = (low + high) / 2
                if hypot(w(mid).0, w(mid).1) > radius { low = mid } else { high = mid }
            }
            return w(high)
        }

        /// The point of the segment p–q where L is smallest.
        func segmentMinimum(_ p: (Double, Double), _ q: (Double, Double)) -> (Double, Double) {
            // L(p + s(q − p)) = α s² + β s + const, minimised at s = −β / 2α, clamped to [0, 1].
            let d = (q.0 - p.0, q.1 - p.1), e = (p.0 - centre.0, p.1 - centre.1)
            let alpha = hessian.0 * d.0 * d.0 + 2 * hessian.1 * d.0 * d.1 + hessian.2 * d.1 * d.1
            let beta = 2 * (hessian.0 * d.0 * e.0 + hessian.1 * (d.0 * e.1 + d.1 * e.0) + hessian.2 * d.1 * e.1)
            let s = min(1, max(0, -beta / (2 * alpha)))
            return (p.0 + s * d.0, p.1 + s * d.1)
        }

        /// Points of the level set L(w) = level, an ellipse around ŵ.
        func ellipse(level: Double, points: Int = 120) -> [(Double, Double)] {
            // H = λ₁v₁v₁ᵀ + λ₂v₂v₂ᵀ; the ellipse is ŵ + √(level/λ₁) cos θ v₁ + √(level/λ₂) sin θ v₂.
            let (a, b, c) = hessian
            let mean = (a + c) / 2, spread = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
            let l1 = mean + spread, l2 = mean - spread
            let angle = 0.5 * atan2(2 * b, a - c)
            let v1 = (cos(angle), sin(angle)), v2 = (-sin(angle), cos(angle))
            let r1 = (level / l1).squareRoot(), r2 = (level / l2).squareRoot()
            return (0...points).map { index in
                let theta = 2 * Double.pi * Double(index) / Double(points)
                return (
                    centre.0 + r1 * cos(theta) * v1.0 + r2 * sin(theta) * v2.0,
                    centre.1 + r1 * cos(theta) * v1.1 + r2 * sin(theta) * v2.1)
            }
        }
    }

    /// The figure's file name in `language`: `l1-l2-constraint-geometry.svg`, `…-fa.svg`.
    public static func fileName(_ language: ChartLanguage) -> String {
        language == .persian ? "l1-l2-constraint-geometry-fa.svg" : "l1-l2-constraint-geometry.svg"
    }

    /// The two panels, L1 (left) and L2 (right), with the loss's level sets.
    public static func diagram(_ problem: Problem = Problem(), language: ChartLanguage) -> Diagram {
        let persian = language == .persian
        let f = language.leftToRight
        let width = 860, height = 505
        var diagram = Diagram(width: width, height: height, language: language)
        diagram.text(
            persian
                ? "چرا L1 صفر دقیق می‌دهد: بیضی‌های تراز هزینه، لوزی را در یک گوشه لمس می‌کنند"
                : "Why L1 gives exact zeros: the loss's level sets touch the diamond at a corner",
            at: DiagramPoint(Double(width) / 2, 30), size: 16, alignment: .centre, bold: true)

        let l1 = problem.l1Minimum, l2 = problem.l2Minimum
        let panels: [(title: String, minimum: (Double, Double), note: String, ball: [(Double, Double)])] = [
            (persian ? "جریمه L1: \(f("|w₁| + |w₂| ≤ t"))" : "L1: |w₁| + |w₂| ≤ t", l1,
             persian ? "کمینه مقید روی محور: \(f(language.digits("w₂ = 0")))" : "constrained minimum on an axis: w₂ = 0",
             [(problem.radius, 0), (0, problem.radius), (-problem.radius, 0), (0, -problem.radius), (problem.radius, 0)]),
            (persian ? "جریمه L2: \(f("w₁² + w₂² ≤ t²"))" : "L2: w₁² + w₂² ≤ t²", l2,
             persian ? "کمینه مقید: هر دو مؤلفه ناصفر" : "constrained minimum: both coordinates non-zero",
             (0...120).map { (problem.radius * cos(2 * .pi * Double($0) / 120), problem.radius * sin(2 * .pi * Double($0) / 120)) }),
        ]
        // Same data range and scale in both panels (equal aspect, so the disc is round).
        let xRange = (-1.45, 3.35), yRange = (-1.35, 2.75)
        let panelWidth = 380.0, panelHeight = panelWidth * (yRange.1 - yRange.0) / (xRange.1 - xRange.0)
        let top = 78.0
        let blue = ChartColor(hex: "#1f77b4"), orange = ChartColor(hex: "#d95f02"), grey = ChartColor(hex: "#6b6b6b")
        for (index, panel) in panels.enumerated() {
            // Persian reads right to left: the L1 panel stands on the right.
            let slot = persian ? 1 - index : index
            let left = 30.0 + Double(slot) * (panelWidth + 40)
            func point(_ w: (Double, Double)) -> DiagramPoint {
                DiagramPoint(
                    left + (w.0 - xRange.0) / (xRange.1 - xRange.0) * panelWidth,
                    top + (yRange.1 - w.1) / (yRange.1 - yRange.0) * panelHeight)
            }
            diagram.rectangle(origin: DiagramPoint(left, top), width: panelWidth, height: panelHeight, stroke: ChartColor(hex: "#d0d0d0"))
            diagram.text(panel.title, at: DiagramPoint(left + panelWidth / 2, top - 12), size: 14, alignment: .centre, bold: true)
            // Axes through the origin.
            diagram.line(from: point((xRange.0 + 0.1, 0)), to: point((xRange.1 - 0.1, 0)), color: grey, width: 1, arrow: true)
            diagram.line(from: point((0, yRange.0 + 0.1)), to: point((0, yRange.1 - 0.1)), color: grey, width: 1, arrow: true)
            diagram.text("w₁", at: point((xRange.1 - 0.18, -0.22)), size: 13, alignment: .centre, italic: true, words: false)
            diagram.text("w₂", at: point((0.2, yRange.1 - 0.2)), size: 13, alignment: .centre, italic: true, words: false)
            // The ball.
            diagram.path(panel.ball.map(point), closed: true, stroke: blue, fill: blue, fillOpacity: 0.18, width: 2)
            // Level sets: two inside the touching one, the touching one bold.
            let touching = problem.loss(panel.minimum)
            for fraction in [0.12, 0.45] {
                diagram.path(problem.ellipse(level: touching * fraction).map(point), stroke: orange, width: 1.2, dashed: true)
            }
            diagram.path(problem.ellipse(level: touching).map(point), stroke: orange, width: 2.2)
            // ŵ and the constrained minimum.
            diagram.dot(at: point(problem.centre), radius: 4, color: orange)
            diagram.text("ŵ", at: point((problem.centre.0 + 0.1, problem.centre.1 + 0.08)), size: 14, italic: true, words: false)
            diagram.dot(at: point(panel.minimum), radius: 5.5, color: ChartColor(hex: "#111111"))
            diagram.text("w*", at: point((panel.minimum.0 + 0.1, panel.minimum.1 + (index == 0 ? -0.25 : 0.12))),
                size: 14, italic: true, words: false)
            diagram.text(panel.note, at: DiagramPoint(left + panelWidth / 2, top + panelHeight + 24), size: 13, alignment: .centre)
            // Persian: the Arabic comma between the coordinates, as ٫ is the decimal separator.
            let coordinates = "w* = (\(String(format: "%.2f", panel.minimum.0))\(persian ? "،" : ",") \(String(format: "%.2f", panel.minimum.1)))"
            diagram.text(language.digits(coordinates), at: DiagramPoint(left + panelWidth / 2, top + panelHeight + 44),
                size: 13, alignment: .centre, words: false)
        }
        let legendY = Double(height) - 14
        let markLeft = persian ? 640.0 : 190.0
        diagram.line(from: DiagramPoint(markLeft, legendY - 4), to: DiagramPoint(markLeft + 30, legendY - 4), color: orange, width: 2.2)
        diagram.text(
            persian ? "بیضی تراز هزینه که گوی را لمس می‌کند (خط‌چین: ترازهای کمتر، بیرون از گوی)"
                : "the loss's level set that touches the ball (dashed: lower levels, outside the ball)",
            at: DiagramPoint(persian ? markLeft - 8 : markLeft + 38, legendY), size: 12, alignment: persian ? .right : .left)
        return diagram
    }

    /// The figure in English and in Persian.
    public static func figures() -> [DemonstrationFigure] {
        ChartLanguage.allCases.map { DemonstrationFigure(fileName: fileName($0), svg: diagram(language: $0).svg()) }
    }
}

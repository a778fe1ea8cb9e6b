import Foundation
import HW1Plotting

extension ZeroInitializationDemonstration {
    /// The steps whose first-layer weights the figure shows.
    static func figureSteps(_ result: Result) -> [Int] {
        [0, 1, 2, 3, 4, 8, 16, 24].filter { $0 < result.snapshots.count }
    }

    /// The figure's file name in `language`: `zero-init-unit-weights.svg`, `…-fa.svg`.
    public static func unitWeightFileName(_ language: ChartLanguage) -> String {
        language == .persian ? "zero-init-unit-weights-fa.svg" : "zero-init-unit-weights.svg"
    }

    /// The first hidden layer's weights W₁ (one row per unit, one column per input) after
    /// several SGD steps, as heat maps: from zero every row stays a copy of the first, from the
    /// random control they differ. Each map has its own colour scale (its largest |w| printed
    /// under it), so that the tiny first moves of the zero network are visible.
    public static func unitWeightDiagram(_ result: Result, language: ChartLanguage) -> Diagram {
        let persian = language == .persian
        let steps = figureSteps(result)
        let units = result.snapshots[0].weights[0].rows, inputs = result.snapshots[0].weights[0].columns
        let cell = 15.0, gap = 26.0
        let mapWidth = cell * Double(inputs), mapHeight = cell * Double(units)
        let labelColumn = 150.0, margin = 20.0
        let width = Int(margin * 2 + labelColumn + Double(steps.count) * (mapWidth + gap))
        let height = 400
        var diagram = Diagram(width: width, height: height, language: language)
        // Persian reads right to left: the row labels stand on the right and time runs leftward.
        func x(_ left: Double, _ span: Double) -> Double { persian ? Double(width) - left - span : left }

        diagram.text(
            persian ? "شبکه \(language.leftToRight("۴-۳-۱")) با مقداردهی صفر: واحدهای لایه نهان اول کپی یکدیگر می‌مانند"
                : "Zero-initialised 4-3-1 network: the first hidden layer's units stay copies of each other",
            at: DiagramPoint(Double(width) / 2, 28), size: 16, alignment: .centre, bold: true)
        diagram.text(
            persian
                ? "وزن‌های ورودی \(language.leftToRight("W₁")) پس از هر گام SGD: هر سطر یک واحد (\(language.digits("4")) واحد)، هر ستون یک ورودی (\(language.digits("5")) ورودی)؛ η = \(language.digits(String(result.configuration.learningRate)))"
                : "incoming weights W₁ after each SGD step: one row per unit (\(units) units), one column per input (\(inputs) inputs); η = \(result.configuration.learningRate)",
            at: DiagramPoint(Double(width) / 2, 52), size: 13, alignment: .centre, color: ChartColor(hex: "#444444"))

        let rows: [(label: [String], snapshots: [SigmoidNetwork])] = [
            (persian ? ["مقداردهی صفر"] : ["zero initialisation"], result.snapshots),
            (persian ? ["شروع تصادفی", "\(language.leftToRight(language.digits("N(0, 0.1²)")))"]
                : ["random start", "N(0, \(result.configuration.controlStandardDeviation)²)"], result.controlSnapshots),
        ]
        let grey = ChartColor(hex: "#555555")
        for (rowIndex, row) in rows.enumerated() {
            let top = 100.0 + Double(rowIndex) * 120
            for (lineIndex, line) in row.label.enumerated() {
                diagram.text(
                    line, at: DiagramPoint(x(margin, 0), top + mapHeight / 2 - 4 + Double(lineIndex) * 17), size: 13,
                    alignment: persian ? .right : .left, bold: lineIndex == 0)
            }
            for (index, step) in steps.enumerated() {
                let left = x(margin + labelColumn + Double(index) * (mapWidth + gap), mapWidth)
                let w = row.snapshots[step].weights[0]
                let largest = w.elements.map(abs).max() ?? 0
                if rowIndex == 0 {
                    diagram.text(
                        persian ? "گام \(language.digits(String(step)))" : "step \(step)",
                        at: DiagramPoint(left + mapWidth / 2, top - 10), size: 12, alignment: .centre)
                }
                for unit in 0..<units {
                    for input in 0..<inputs {
                        diagram.rectangle(
                            origin: DiagramPoint(left + Double(input) * cell, top + Double(unit) * cell),
                            width: cell, height: cell,
                            fill: .diverging(largest > 0 ? w[unit, input] / largest : 0))
                    }
                }
                diagram.rectangle(origin: DiagramPoint(left, top), width: mapWidth, height: mapHeight, stroke: grey)
                diagram.text(
                    "max |w| = " + scientific(largest, language), at: DiagramPoint(left + mapWidth / 2, top + mapHeight + 16),
                    size: 10, alignment: .centre, color: grey, words: false)
            }
        }

        // Colour key.
        let keyTop = 345.0, keyWidth = 160.0
        let keyLeft = x((Double(width) - keyWidth) / 2, keyWidth)
        for index in 0..<32 {
            let value = -1 + 2 * (Double(index) + 0.5) / 32
            diagram.rectangle(
                origin: DiagramPoint(keyLeft + Double(index) * keyWidth / 32, keyTop), width: keyWidth / 32 + 0.3,
                height: 10, fill: .diverging(value))
        }
        diagram.rectangle(origin: DiagramPoint(keyLeft, keyTop), width: keyWidth, height: 10, stroke: grey)
        for (value, label) in [(-1.0, "−max |w|"), (0, "0"), (1, "+max |w|")] {
            diagram.text(
                language.digits(label), at: DiagramPoint(keyLeft + (value + 1) / 2 * keyWidth, keyTop + 26), size: 11,
                alignment: .centre, color: grey, words: false)
        }
        // The last step at which W₁ of the zero network is still exactly 0.
        let stillZero = (result.firstChangingStep[0] ?? result.steps.count + 1) - 1
        diagram.text(
            persian ? "مقیاس رنگ هر نقشه جداست؛ در شبکه صفر تا گام \(language.digits(String(stillZero))) همه وزن‌های \(language.leftToRight("W₁")) دقیقاً صفرند"
                : "each map has its own colour scale; in the zero network every weight of W₁ is exactly 0 up to step \(stillZero)",
            at: DiagramPoint(Double(width) / 2, keyTop + 46), size: 12, alignment: .centre, color: grey)
        return diagram
    }

    /// One significant digit times a power of ten, `3×10⁻¹` (Persian digits in Persian); `0` for 0.
    static func scientific(_ value: Double, _ language: ChartLanguage) -> String {
        guard value != 0 else { return language.digits("0") }
        let parts = String(format: "%.0e", value).split(separator: "e")
        let superscripts: [Character: Character] = [
            "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        ]
        let exponent = String(Int(parts[1])!).map { superscripts[$0] ?? $0 }
        return language.digits("\(parts[0])×10") + String(exponent)
    }

    /// The figure in English and in Persian.
    static func unitWeightFigures(_ result: Result) -> [DemonstrationFigure] {
        ChartLanguage.allCases.map {
            DemonstrationFigure(fileName: unitWeightFileName($0), svg: unitWeightDiagram(result, language: $0).svg())
        }
    }
}

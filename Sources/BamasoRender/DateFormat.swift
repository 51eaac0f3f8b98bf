import BamasoLoad
import Foundation

/// Dates and numbers as each language writes them, from ICU: "1 Kamena 2012", "1 June 2012";
/// "1.500" and "1,500".
public struct DateFormat {
    private let formatters: [Language: DateFormatter]
    private let numbers: [Language: NumberFormatter]
    private let calendar: Calendar

    public init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        self.calendar = calendar
        var formatters: [Language: DateFormatter] = [:]
        for language in Language.allCases {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language.tag)
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.dateFormat = "d MMMM y"
            formatters[language] = formatter
        }
        self.formatters = formatters
        self.numbers = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: language.tag)
            formatter.numberStyle = .decimal
            return (language, formatter)
        })
    }

    public func number(_ value: Int, in language: Language) -> String {
        numbers[language]?.string(from: NSNumber(value: value)) ?? String(value)
    }

    public func string(_ day: Day, in language: Language) -> String {
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
              let formatter = formatters[language]
        else { return day.description }
        return formatter.string(from: date)
    }
}

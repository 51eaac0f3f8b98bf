import BamasoLoad
import Foundation

/// Dates and numbers as each language writes them, from ICU: "1 Kamena 2012", "1 June 2012";
/// "1.500" and "1,500"; "1,2 MB" and "1.2 MB". Built on Foundation's value-type format styles, so pages rendered
/// on several threads at once can share it.
public struct DateFormat: Sendable {
    private let calendar: Calendar
    /// Each language's ICU locale, made on first use.
    private let locales = ValueCache<Language, Locale>()
    /// Formatted dates: ICU takes a while, and a site shows each date on several pages.
    private let formatted = ValueCache<FormattedDay, String>()

    private struct FormattedDay: Hashable, Sendable {
        var day: Day
        /// nil for `iso`.
        var language: Language?
        /// The month alone (`month`), or the whole date.
        var monthOnly = false
    }

    public init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        self.calendar = calendar
    }

    private func locale(_ language: Language) -> Locale {
        locales.value(for: language) { Locale(identifier: language.tag) }
    }

    /// `2012-06-01`, as `Day.description` writes it.
    public func iso(_ day: Day) -> String {
        formatted.value(for: FormattedDay(day: day, language: nil)) { day.description }
    }

    /// `d MMMM y`: "1 Kamena 2012", "1 June 2012", "1 juin 2012".
    public func string(_ day: Day, in language: Language) -> String {
        formatted.value(for: FormattedDay(day: day, language: language)) { format(day, in: language) }
    }

    /// `MMMM y`, a month: "Ugushyingo 2012", "November 2012" (how old contact details are).
    public func month(_ day: Day, in language: Language) -> String {
        formatted.value(for: FormattedDay(day: day, language: language, monthOnly: true)) {
            format(month: day, in: language)
        }
    }

    private func format(month day: Day, in language: Language) -> String {
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: 1))
        else { return String(day.description.prefix(7)) }
        return Date.VerbatimFormatStyle(
            format: "\(month: .wide) \(year: .defaultDigits)", locale: locale(language),
            timeZone: calendar.timeZone, calendar: calendar
        ).format(date)
    }

    private func format(_ day: Day, in language: Language) -> String {
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        else { return day.description }
        let style = Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits)",
            locale: locale(language), timeZone: calendar.timeZone, calendar: calendar)
        return style.format(date)
    }

    /// A file's size as ICU writes it in `language`, in decimal units as file managers count:
    /// "1.2 MB", "1,2 MB", "7 kB".
    public func fileSize(_ bytes: Int, in language: Language) -> String {
        let style = ByteCountFormatStyle(
            style: .file, allowedUnits: .all, spellsOutZero: false, includesActualByteCount: false,
            locale: locale(language))
        return Int64(bytes).formatted(style)
    }

    public func number(_ value: Int, in language: Language) -> String {
        value.formatted(IntegerFormatStyle<Int>(locale: locale(language)))
    }
}

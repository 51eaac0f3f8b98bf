/// A value kept in one shared box, copied only when a copy is changed.
///
/// Pages pass from stage to stage in arrays of ten thousand: copying a page kept this way is
/// one reference count instead of one for each of its strings and arrays, and two copies of
/// one page compare equal at once. `value` lends the value instead of copying it (`_read` and
/// `_modify`): reading `page.frontMatter.date` copies nothing.
@frozen public struct CopyOnWrite<Value: Sendable>: Sendable {
    @usableFromInline final class Box: @unchecked Sendable {
        // Safe because it is changed only through `value`, when no other copy shares it.
        @usableFromInline var value: Value

        @inlinable init(_ value: Value) {
            self.value = value
        }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ value: Value) {
        box = Box(value)
    }

    @inlinable public var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

extension CopyOnWrite: Equatable where Value: Equatable {
    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }
}

//! `closed_enum!`: a closed enum whose every value has one name (on the wire and in JS) and one
//! line of meaning, declared once. The error kinds (`error.rs`) and the time operators
//! (`query/time.rs`) are declared with it; the TypeScript unions are generated from `ALL`.
//! (Open enums, which keep unknown values, are `open_enums.rs`'s `open_enum!`.)

/// Declares `enum $name` with `ALL`, `as_str`, `from_name` and `doc`; each value is written
/// `/// meaning` then `Variant = "name",`.
macro_rules! closed_enum {
    ($(#[$meta:meta])* $name:ident { $( $(#[doc = $doc:literal])+ $variant:ident = $wire:literal, )+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl $name {
            /// Every value, in declaration order (the TypeScript union is generated from this).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's name, as the wire and JS spell it.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $wire, )+ }
            }

            /// The value named `name`, if any.
            pub fn from_name(name: &str) -> Option<$name> {
                match name { $( $wire => Some($name::$variant), )+ _ => None }
            }

            /// One line saying what the value means (for the generated declarations).
            pub fn doc(self) -> &'static str {
                match self { $( $name::$variant => concat!($($doc),+).trim_ascii(), )+ }
            }
        }
    };
}

pub(crate) use closed_enum;

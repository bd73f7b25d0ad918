;; A type export is neither a function nor an instance: no world item.
(component (type u8) (export "t" (type 0)))

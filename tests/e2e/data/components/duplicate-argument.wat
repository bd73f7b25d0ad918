;; Two instantiation arguments of one name.
(component
  (import "g" (func $g (result u32)))
  (component $inner
    (import "f" (func $f (result u32)))
    (export "f" (func $f)))
  (instance $i (instantiate $inner (with "f" (func $g)) (with "f" (func $g))))
  (export "t:h/api" (instance $i)))

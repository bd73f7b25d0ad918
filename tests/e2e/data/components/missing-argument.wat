;; An instantiation that leaves an import of the component unsatisfied.
(component
  (component $inner
    (import "f" (func $f (result u32)))
    (export "f" (func $f)))
  (instance $i (instantiate $inner))
  (export "t:h/api" (instance $i)))

;; An instance exported from a nested component's instantiation, whose
;; resource is imported from the host and handed on as an argument.
(component
  (import "t:h/host" (instance $host
    (export "r" (type (sub resource)))
    (export "get" (func (result u32)))))
  (alias export $host "r" (type $r))
  (component $inner
    (import "r" (type $r (sub resource)))
    (import "f" (func $f (result u32)))
    (export "r" (type $r))
    (export "f" (func $f)))
  (alias export $host "get" (func $get))
  (instance $i (instantiate $inner (with "r" (type $r)) (with "f" (func $get))))
  (export "t:h/api" (instance $i)))

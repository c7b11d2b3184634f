;; The first screen's one kernel: a stride-1 2D convolution over one NHWC image, with its bias and,
;; when asked, ReLU, in 128-bit SIMD. Dense layers run through it too (a 1x1 image, k = 1).
;; Each output pixel's F filters are done 16 at a time in four f32x4 accumulators that stay in
;; registers across the k*k*C inner products; F must be a multiple of 16 (kernelNetwork.ts pads).
;; Addresses are byte offsets into the exported memory, every buffer 16-byte aligned.
;; Compiled by `npm run kernels` (scripts/kernels.ts) into convWasm.ts.
(module
  (memory (export "memory") 1)
  (func (export "conv")
    (param $x i32) (param $inH i32) (param $inW i32) (param $C i32) (param $k i32) (param $F i32)
    (param $w i32) (param $b i32) (param $out i32) (param $outH i32) (param $outW i32)
    (param $pad i32) (param $relu i32)
    (local $y i32) (local $xx i32) (local $fb i32) (local $ky i32) (local $kx i32)
    (local $iy i32) (local $ix i32) (local $c i32) (local $xp i32) (local $wp i32)
    (local $tapBytes i32) (local $filterBytes i32)
    (local $a v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    ;; one (ky, kx) tap's weights are C rows of F values
    (local.set $filterBytes (i32.shl (local.get $F) (i32.const 2)))
    (local.set $tapBytes (i32.mul (local.get $C) (local.get $filterBytes)))
    (local.set $y (i32.const 0))
    (loop $rows
      (local.set $xx (i32.const 0))
      (loop $columns
        (local.set $fb (i32.const 0))
        (loop $filters
          (local.set $a0 (v128.load offset=0 (i32.add (local.get $b) (i32.shl (local.get $fb) (i32.const 2)))))
          (local.set $a1 (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $fb) (i32.const 2)))))
          (local.set $a2 (v128.load offset=32 (i32.add (local.get $b) (i32.shl (local.get $fb) (i32.const 2)))))
          (local.set $a3 (v128.load offset=48 (i32.add (local.get $b) (i32.shl (local.get $fb) (i32.const 2)))))
          (local.set $ky (i32.const 0))
          (loop $tapRows
            (local.set $iy (i32.sub (i32.add (local.get $y) (local.get $ky)) (local.get $pad)))
            ;; rows of the padding add nothing
            (if (i32.lt_u (local.get $iy) (local.get $inH))
              (then
                (local.set $kx (i32.const 0))
                (loop $taps
                  (local.set $ix (i32.sub (i32.add (local.get $xx) (local.get $kx)) (local.get $pad)))
                  (if (i32.lt_u (local.get $ix) (local.get $inW))
                    (then
                      (local.set $xp (i32.add (local.get $x)
                        (i32.shl (i32.mul (i32.add (i32.mul (local.get $iy) (local.get $inW)) (local.get $ix)) (local.get $C)) (i32.const 2))))
                      (local.set $wp (i32.add (local.get $w)
                        (i32.add (i32.mul (i32.add (i32.mul (local.get $ky) (local.get $k)) (local.get $kx)) (local.get $tapBytes))
                                 (i32.shl (local.get $fb) (i32.const 2)))))
                      (local.set $c (local.get $C))
                      (loop $channels
                        (local.set $a (v128.load32_splat (local.get $xp)))
                        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $a) (v128.load offset=0 (local.get $wp)))))
                        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $a) (v128.load offset=16 (local.get $wp)))))
                        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $a) (v128.load offset=32 (local.get $wp)))))
                        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $a) (v128.load offset=48 (local.get $wp)))))
                        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
                        (local.set $wp (i32.add (local.get $wp) (local.get $filterBytes)))
                        (br_if $channels (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))))
                  (br_if $taps (i32.lt_u (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $k))))))
            (br_if $tapRows (i32.lt_u (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $k))))
          (if (local.get $relu)
            (then
              (local.set $a0 (f32x4.max (local.get $a0) (v128.const f32x4 0 0 0 0)))
              (local.set $a1 (f32x4.max (local.get $a1) (v128.const f32x4 0 0 0 0)))
              (local.set $a2 (f32x4.max (local.get $a2) (v128.const f32x4 0 0 0 0)))
              (local.set $a3 (f32x4.max (local.get $a3) (v128.const f32x4 0 0 0 0)))))
          (v128.store offset=0 (local.get $out) (local.get $a0))
          (v128.store offset=16 (local.get $out) (local.get $a1))
          (v128.store offset=32 (local.get $out) (local.get $a2))
          (v128.store offset=48 (local.get $out) (local.get $a3))
          (local.set $out (i32.add (local.get $out) (i32.const 64)))
          (br_if $filters (i32.lt_u (local.tee $fb (i32.add (local.get $fb) (i32.const 16))) (local.get $F))))
        (br_if $columns (i32.lt_u (local.tee $xx (i32.add (local.get $xx) (i32.const 1))) (local.get $outW))))
      (br_if $rows (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $outH))))))

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

/// <summary>
/// The float operations an element-wise kernel needs, at one vector width: a formula written once against this
/// interface runs as Vector128 (SSE, ARM64 NEON), Vector256 (AVX2) or Vector512 (AVX-512). The implementations are
/// structs, so the JIT compiles the formula once per width and inlines every call.
/// </summary>
internal interface IFloatVectors<TVec> where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Load(ref float source, nuint index);
    static abstract void Store(TVec value, ref float destination, nuint index);
    static abstract TVec Create(float value);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary><c>a·b + addend</c> rounded once: call it only where the hardware has fused multiply-add.</summary>
    static abstract TVec FusedMultiplyAdd(TVec a, TVec b, TVec addend);

    /// <summary><c>a / b</c> to within about 1 ulp.</summary>
    static abstract TVec Divide(TVec a, TVec b);

    /// <summary>
    /// x limited to [−bound, bound], NaN kept. One method rather than Min and Max, so the bounds reach the JIT as
    /// constants: then a NaN-keeping minimum is a single instruction with its operands ordered, where with the bounds
    /// passed in as vectors it took six (measured on AVX-512).
    /// </summary>
    static abstract TVec Clamp(TVec x, float bound);
    static abstract TVec Abs(TVec a);
    static abstract TVec CopySign(TVec value, TVec sign);
    static abstract TVec LessThan(TVec a, TVec b);
    static abstract TVec GreaterThan(TVec a, TVec b);
    static abstract TVec Select(TVec mask, TVec whereTrue, TVec whereFalse);

    /// <summary>
    /// 2ⁿ from <c>shifted = n + 1.5·2²³</c> (n an integer in [−126, 127], which that sum holds in its low bits): the
    /// exponent field built by integer arithmetic on the bits, no conversion instruction needed.
    /// </summary>
    static abstract TVec PowerOf2(TVec shifted);
}

/// <summary>128-bit float vectors: SSE on x64, NEON (AdvSimd) on ARM64.</summary>
internal readonly struct FloatVectors128 : IFloatVectors<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float source, nuint index) => Vector128.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Create(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> addend) => Vector128.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Clamp(Vector128<float> x, float bound) => Vector128.Max(Vector128.Min(x, Vector128.Create(bound)), Vector128.Create(-bound));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whereTrue, Vector128<float> whereFalse) => Vector128.ConditionalSelect(mask, whereTrue, whereFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> PowerOf2(Vector128<float> shifted) => ((shifted.AsInt32() - Vector128.Create(0x4B400000 - 127)) << 23).AsSingle();
}

/// <summary>256-bit float vectors (AVX2).</summary>
internal readonly struct FloatVectors256 : IFloatVectors<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) => Vector256.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Clamp(Vector256<float> x, float bound) => Vector256.Max(Vector256.Min(x, Vector256.Create(bound)), Vector256.Create(-bound));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whereTrue, Vector256<float> whereFalse) => Vector256.ConditionalSelect(mask, whereTrue, whereFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> PowerOf2(Vector256<float> shifted) => ((shifted.AsInt32() - Vector256.Create(0x4B400000 - 127)) << 23).AsSingle();
}

/// <summary>512-bit float vectors (AVX-512).</summary>
internal readonly struct FloatVectors512 : IFloatVectors<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) => Vector512.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Clamp(Vector512<float> x, float bound) => Vector512.Max(Vector512.Min(x, Vector512.Create(bound)), Vector512.Create(-bound));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whereTrue, Vector512<float> whereFalse) => Vector512.ConditionalSelect(mask, whereTrue, whereFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> PowerOf2(Vector512<float> shifted) => ((shifted.AsInt32() - Vector512.Create(0x4B400000 - 127)) << 23).AsSingle();

    /// <summary>
    /// a / b from a 14-bit reciprocal: one Newton step refines the reciprocal, a second refines the quotient itself
    /// (a·r alone can be 1.5 ulps off, which took the float tanh past its bound). A 512-bit division occupies the divider
    /// for 16 cycles, more than the rest of tanh together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b)
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return a / b;
        var r = System.Runtime.Intrinsics.X86.Avx512F.Reciprocal14(b);
        r = Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-b, r, Vector512<float>.One), r);
        var y = a * r;
        return Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(-b, y, a), r, y);
    }
}

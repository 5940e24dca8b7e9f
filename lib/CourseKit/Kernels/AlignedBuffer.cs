using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CourseKit.Tensors;

namespace CourseKit.Kernels;

/// <summary>
/// Working memory for packed GEMM panels that starts on a 64-byte boundary: a 512-bit load from an unaligned address
/// spans two cache lines and costs twice, so unaligned, the kernel's speed would depend on where an array happened to land.
/// The array lives on the pinned object heap, so its address never changes.
/// </summary>
internal sealed unsafe class AlignedBuffer<T> where T : unmanaged
{
    private const int Alignment = 64;
    private readonly T[] array;
    private readonly int offset;

    /// <summary>Room for <paramref name="length"/> values, uninitialised.</summary>
    public AlignedBuffer(int length)
    {
        (array, offset) = AllocatePinned(length, zeroed: false);
        Length = length;
    }

    /// <summary>
    /// A pinned array with room for <paramref name="length"/> values from index <c>Offset</c>, which is 64-byte aligned.
    /// Also used by <see cref="Tensor{T}"/> for its larger tensors.
    /// </summary>
    internal static (T[] Array, int Offset) AllocatePinned(int length, bool zeroed)
    {
        var array = zeroed
            ? GC.AllocateArray<T>(length + Alignment / sizeof(T), pinned: true)
            : GC.AllocateUninitializedArray<T>(length + Alignment / sizeof(T), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (array, (int)((Alignment - address % Alignment) % Alignment / sizeof(T)));
    }

    /// <summary>Number of usable values.</summary>
    public int Length { get; }

    /// <summary>The first value, 64-byte aligned.</summary>
    public T* Pointer => (T*)Unsafe.AsPointer(ref array[offset]);

    /// <summary>The usable values.</summary>
    public Span<T> Span => array.AsSpan(offset, Length);
}

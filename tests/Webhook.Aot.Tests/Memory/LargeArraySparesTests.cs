using Webhook.Memory;

namespace Webhook.Tests.Memory;

/// <summary>Large arrays let go of are reused while they live and never kept alive by being spares.</summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class LargeArraySparesTests
{
    [Fact]
    public void Take_AfterOffer_GivesTheSmallestArrayThatIsLargeEnoughOnce()
    {
        LargeArraySpares.Clear();
        var small = new byte[100_000];
        var large = new byte[300_000];
        LargeArraySpares.Offer(large);
        LargeArraySpares.Offer(small);

        Assert.Same(small, LargeArraySpares.Take(90_000));
        Assert.Same(large, LargeArraySpares.Take(90_000));
        Assert.Null(LargeArraySpares.Take(90_000));
        GC.KeepAlive(small);
        GC.KeepAlive(large);
    }

    [Fact]
    public void Take_ForMoreThanAnyHeld_GivesNothingAndKeepsWhatIsHeld()
    {
        LargeArraySpares.Clear();
        var held = new byte[100_000];
        LargeArraySpares.Offer(held);

        Assert.Null(LargeArraySpares.Take(100_001));
        Assert.Same(held, LargeArraySpares.Take(100_000));
    }

    [Fact]
    public void Offer_WhenEverySlotHoldsALargerArray_KeepsTheLargerOnes()
    {
        LargeArraySpares.Clear();
        var larger = Enumerable.Range(0, LargeArraySpares.Slots).Select(_ => new byte[200_000]).ToList();
        larger.ForEach(LargeArraySpares.Offer);

        LargeArraySpares.Offer(new byte[100_000]);

        Assert.All(larger, _ => Assert.Equal(200_000, LargeArraySpares.Take(1)?.Length));
        Assert.Null(LargeArraySpares.Take(1));
    }

    [Fact]
    public void Offer_ThenAFullCollection_KeepsNothingAlive()
    {
        LargeArraySpares.Clear();
        OfferArraysNobodyHolds();

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        Assert.Null(LargeArraySpares.Take(1));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void OfferArraysNobodyHolds()
    {
        for (var i = 0; i < LargeArraySpares.Slots; i++)
        {
            LargeArraySpares.Offer(new byte[1_000_000]);
        }
    }
}

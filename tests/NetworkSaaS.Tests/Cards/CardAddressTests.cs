using NetworkSaaS.Web.Features.Cards;

namespace NetworkSaaS.Tests.Cards;

public sealed class CardAddressTests
{
    [Theory]
    [InlineData("Taro Yamada", "taro-yamada")]
    [InlineData("José Ñúñez", "jose-nunez")]
    [InlineData("山田 太郎", "card")]
    [InlineData("A.B", "a-b")]
    [InlineData("Ab", "card")]
    [InlineData("Ｔａｒｏ　Ｙａｍａｄａ", "taro-yamada")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    public void The_default_handle_keeps_latin_letters_and_digits_only_and_is_valid(string displayName, string expected)
    {
        var handle = CardAddress.DefaultHandle(displayName);
        Assert.Equal(expected, handle);
        Assert.True(CardAddress.IsValidHandle(handle));
    }

    [Fact]
    public void An_address_is_the_handle_then_a_random_token_and_anything_else_is_no_address()
    {
        var token = CardAddress.NewToken();
        Assert.Matches("^[a-z2-7]{10}$", token);
        Assert.NotEqual(token, CardAddress.NewToken());
        Assert.Equal(("taro-yamada", token), CardAddress.Parse(CardAddress.Format("taro-yamada", token)));
        foreach (var bad in new[] { null, "", "taro-yamada", $"taro_{token}", $"Taro-{token}", $"ta-{token}", $"taro-{token.ToUpperInvariant()}", $"taro-{token}1", $"-taro-{token}" })
        {
            Assert.Null(CardAddress.Parse(bad));
        }
    }
}

"""Known card texts for the batch tests, and a helper to compare findings by category."""
import artwork_factory as factory

# A card that trips several categories, with a reversed line on a blue band, a black line on
# a yellow band and wording that wraps across lines.
RISKY = [
    factory.Block("THANK YOU FOR YOUR PURCHASE!", size=14),
    factory.Block("If you are happy with your new lamp, please leave us a 5-star review. It helps our small family business."),
    factory.Block("Leave a review and get a free gift card!", style="reversed"),
    factory.Block("Join our VIP club for exclusive deals.", style="yellow"),
    factory.Block("Questions? Contact us through Amazon Buyer-Seller Messaging."),
]
CLEAN = [
    factory.Block("Thank you for choosing us!", size=14),
    factory.Block("We hope you enjoy your new lamp. This product has a 12-month warranty."),
    factory.Block("Questions? Contact us through Amazon Buyer-Seller Messaging."),
]
SIGNUP_URL = "https://brand.example/signup?src=card"



def categories(findings) -> set[str]:
    """Compliance categories of ``findings`` (artwork-reading notes left out)."""
    return {str(f.category) for f in findings if str(f.category) != "print"}

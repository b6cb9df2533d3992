"""`flask market timebank-settle`: hours recorded 72 hours ago and not contested are credited (run hourly)."""
import click


@click.command("timebank-settle")
def settle():
    """Credit the coups de pouce whose hours were recorded at least 72 hours ago without contest."""
    from market.extensions import db
    from market.timebank import services
    credited, refused = 0, 0
    for exchange_id in [e.id for e in services.settle_due()]:
        from market.timebank.models import HelpExchange
        try:
            services.settle(db.session.get(HelpExchange, exchange_id))
        except services.Refused as exc:
            db.session.rollback()
            refused += 1
            click.echo(f"échange {exchange_id} : {exc}", err=True)
        else:
            db.session.commit()
            credited += 1
    click.echo(f"{credited} coup(s) de pouce compté(s), {refused} refusé(s) par les limites.")

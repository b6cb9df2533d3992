"""Forms of the network: an organisation's point and catchment area, a date of the agenda, its minutes."""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField, TimeField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from market import geo
from market.fields import CommuneField, DayField
from market.forms import BaseForm
from market.network import rules


class PlaceForm(BaseForm):
    lat = StringField(_l("Latitude"), validators=[Length(max=20)], render_kw={"inputmode": "decimal"})
    lon = StringField(_l("Longitude"), validators=[Length(max=20)], render_kw={"inputmode": "decimal"})
    catchment_km = IntegerField(_l("Rayon de la zone desservie (km)"),
                                validators=[Optional(), NumberRange(min=1, max=rules.MAX_CATCHMENT_KM,
                                            message=_l("Indiquez un rayon entre 1 et %(max)d km.",
                                                       max=rules.MAX_CATCHMENT_KM))])
    catchment_communes = TextAreaField(_l("Communes desservies"), validators=[Length(max=4000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.point, self.codes = None, []

    def validate_lon(self, field):
        lat, lon = rules.parse_coordinate(self.lat.data), rules.parse_coordinate(field.data)
        if not (self.lat.data or "").strip() and not (field.data or "").strip():
            return  # no point: the commune's centre is used
        if lat is None or lon is None or not rules.valid_point(lat, lon):
            raise ValidationError(_l("Indiquez la latitude et la longitude en degrés décimaux, "
                                     "par exemple 46,1147 et 3,5547."))
        if not rules.in_france(lat, lon):
            raise ValidationError(_l("Ce point est hors de France : la latitude et la longitude "
                                     "sont-elles inversées ?"))
        self.point = (lat, lon)

    def validate_catchment_communes(self, field):
        names = [part.strip() for part in (field.data or "").replace("\n", ";").split(";") if part.strip()]
        if len(names) > rules.MAX_CATCHMENT_COMMUNES:
            raise ValidationError(_l("Au plus %(num)d communes.", num=rules.MAX_CATCHMENT_COMMUNES))
        codes, unknown = [], []
        for name in names:
            try:
                commune = geo.resolve(name)
            except geo.AmbiguousCommune as exc:
                commune = exc.candidates[0] if len(exc.candidates) == 1 else None
                if commune is None:
                    raise ValidationError(_l("« %(name)s » désigne plusieurs communes : ajoutez le code postal, "
                                             "par exemple %(example)s.", name=name, example=exc.candidates[0].label))
            if commune is None:
                unknown.append(name)
            elif commune.code not in codes:
                codes.append(commune.code)
        if unknown:
            raise ValidationError(_l("Communes inconnues : %(names)s.", names=", ".join(unknown)))
        self.codes = codes


class MeetingForm(BaseForm):
    title = StringField(_l("Titre"), validators=[DataRequired(_l("Donnez un titre.")), Length(max=140)])
    format = SelectField(_l("Format"), validators=[DataRequired(_l("Choisissez un format."))])
    day = DayField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))], past=timedelta(0),
                   future=timedelta(days=2 * 365))
    start = TimeField(_l("Heure de début"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end = TimeField(_l("Heure de fin"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    commune = CommuneField(_l("Commune"), validators=[DataRequired(_l("Indiquez la commune."))])
    venue = StringField(_l("Lieu (salle, adresse)"), validators=[Length(max=200)])
    host_org = SelectField(_l("Structure qui accueille"), validate_choice=True)
    room = SelectField(_l("Salle réservée sur la plateforme"), validate_choice=True)
    organiser_org = SelectField(_l("Organisé par"), validate_choice=True)
    capacity = IntegerField(_l("Places (laisser vide : sans inscription)"),
                            validators=[Optional(), NumberRange(min=1, max=10000,
                                                                message=_l("Entre 1 et 10 000 places."))])
    description = TextAreaField(_l("Programme, public, accès"), validators=[Length(max=5000)])

    def validate_end(self, field):
        period = self.period()
        if period and not rules.duration_ok(*period):
            raise ValidationError(_l("L'heure de fin doit suivre l'heure de début."))

    def period(self):
        """(start, end) as aware datetimes in Paris wall-clock time, or None while a part is missing."""
        if not (self.day.data and self.start.data and self.end.data):
            return None
        start = datetime.combine(self.day.data, self.start.data, tzinfo=rules.PARIS)
        end = datetime.combine(self.day.data, self.end.data, tzinfo=rules.PARIS)
        return start, end

    def values(self) -> dict:
        start, end = self.period()
        return {"title": self.title.data.strip(), "format": self.format.data, "starts_at": start, "ends_at": end,
                "commune_code": self.commune.code, "venue": (self.venue.data or "").strip(),
                "description": (self.description.data or "").strip(), "capacity": self.capacity.data,
                "host_org_id": int(self.host_org.data) if self.host_org.data else None,
                "room_id": int(self.room.data) if self.room.data else None}


class MinutesForm(BaseForm):
    minutes = TextAreaField(_l("Compte rendu"), validators=[DataRequired(_l("Écrivez le compte rendu.")),
                                                            Length(max=20000)])


class ModerationForm(BaseForm):
    note = TextAreaField(_l("Note pour l'organisateur (facultative)"), validators=[Length(max=2000)])

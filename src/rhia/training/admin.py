from django.contrib import admin

from rhia.training.models import AccessSetting, Competence, CompetenceLevel, Question, Session, Training


class CompetenceLevelInline(admin.TabularInline):
    model = CompetenceLevel
    extra = 0


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    inlines = [CompetenceLevelInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "competence", "order", "active"]
    list_filter = ["competence", "active"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "source", "duration_minutes", "is_basic", "active"]
    list_filter = ["source", "is_basic", "active"]
    filter_horizontal = ["competences"]
    inlines = [SessionInline]


@admin.register(AccessSetting)
class AccessSettingAdmin(admin.ModelAdmin):
    list_display = ["structure", "require_charter", "require_basic_module"]
    autocomplete_fields = ["structure"]
